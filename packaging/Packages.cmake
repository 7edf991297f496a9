# CPack: one package per component. DEB and TGZ are built and checked by the test command
# (packaging/check-packages.sh); RPM when rpmbuild exists; NSIS and DragNDrop are configured
# for Windows and macOS builds (with windeployqt/macdeployqt), which cannot be made here.
set(CPACK_PACKAGE_NAME lmcache-fleet)
set(CPACK_PACKAGE_VENDOR "LMCache Fleet developers")
set(CPACK_PACKAGE_CONTACT "LMCache Fleet developers <fleet@lmcache.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Watch and steer a fleet of LMCache servers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_HOMEPAGE_URL ${PROJECT_HOMEPAGE_URL})
set(CPACK_PACKAGE_INSTALL_DIRECTORY "LMCache Fleet")
set(CPACK_COMPONENTS_ALL ${LMCF_COMPONENTS})
set(CPACK_STRIP_FILES ON)
# Absolute destinations (/etc/lmcache-fleet) land inside the package, not on this machine.
set(CPACK_SET_DESTDIR ON)
set(CPACK_SOURCE_IGNORE_FILES "/build.*/" "/\\\\.git/")

set(CPACK_COMPONENT_DAEMON_DISPLAY_NAME "Head-node daemon")
set(CPACK_COMPONENT_DAEMON_DESCRIPTION
    "lmcache-fleetd: discovery registry, reverse proxy and Prometheus aggregator")
set(CPACK_COMPONENT_GUI_DISPLAY_NAME "Desktop app")
set(CPACK_COMPONENT_GUI_DESCRIPTION "lmcache-fleet: the operator's desktop app")
set(CPACK_COMPONENT_AGENT_DISPLAY_NAME "Heartbeat agent")
set(CPACK_COMPONENT_AGENT_DESCRIPTION
    "lmcache-heartbeat: the LMCache runtime plugin that keeps a node registered")
set(CPACK_COMPONENT_SIM_DISPLAY_NAME "Simulator")
set(CPACK_COMPONENT_SIM_DESCRIPTION "lmcache-fleet-sim: simulated LMCache nodes")

# Debian: one .deb per component, dependencies computed from the binaries.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_DAEMON_PACKAGE_NAME ${LMCF_PACKAGE_daemon})
set(CPACK_DEBIAN_GUI_PACKAGE_NAME ${LMCF_PACKAGE_gui})
set(CPACK_DEBIAN_GUI_PACKAGE_SECTION net)
set(CPACK_DEBIAN_AGENT_PACKAGE_NAME ${LMCF_PACKAGE_agent})
set(CPACK_DEBIAN_SIM_PACKAGE_NAME ${LMCF_PACKAGE_sim})
set(CPACK_DEBIAN_SIM_PACKAGE_SECTION devel)
configure_file(debian/daemon.conffiles.in ${CMAKE_CURRENT_BINARY_DIR}/debian/conffiles @ONLY)
set(CPACK_DEBIAN_DAEMON_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_BINARY_DIR}/debian/conffiles)
set(CPACK_DEBIAN_DAEMON_PACKAGE_DESCRIPTION
    "LMCache Fleet head-node daemon\n Discovery registry, streaming reverse proxy and Prometheus metrics\n aggregator for a fleet of LMCache KV-cache servers.")
set(CPACK_DEBIAN_GUI_PACKAGE_DESCRIPTION
    "LMCache Fleet desktop app\n Node tree, fleet table, live charts and per-node pages for a fleet of\n LMCache KV-cache servers, through lmcache-fleetd.")
set(CPACK_DEBIAN_AGENT_PACKAGE_DESCRIPTION
    "LMCache Fleet heartbeat agent\n Runs beside each LMCache MP server as a runtime plugin and keeps the\n node registered with lmcache-fleetd or the original discovery service.")
set(CPACK_DEBIAN_SIM_PACKAGE_DESCRIPTION
    "Simulated LMCache nodes\n Serves the LMCache node HTTP API with moving metrics, for demos and\n tests of LMCache Fleet without GPUs.")

# RPM, only where rpmbuild exists.
set(CPACK_RPM_COMPONENT_INSTALL ON)
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE Apache-2.0)
set(CPACK_RPM_PACKAGE_AUTOREQ ON)

# Windows and macOS: the deploy step bundles Qt next to the program.
set(CPACK_NSIS_PACKAGE_NAME "LMCache Fleet")
set(CPACK_NSIS_MUI_ICON ${LMCF_ICON_SVG})
set(CPACK_NSIS_CREATE_ICONS_EXTRA
    "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\LMCache Fleet.lnk' '$INSTDIR\\\\bin\\\\lmcache-fleet.exe'")
set(CPACK_DMG_VOLUME_NAME "LMCache Fleet")

set(CPACK_GENERATOR TGZ DEB)
find_program(LMCF_RPMBUILD rpmbuild)
if(LMCF_RPMBUILD)
  list(APPEND CPACK_GENERATOR RPM)
endif()
if(WIN32)
  set(CPACK_GENERATOR NSIS ZIP)
elseif(APPLE)
  set(CPACK_GENERATOR DragNDrop)
endif()
set(CPACK_ARCHIVE_COMPONENT_INSTALL ON)
include(DeployQt.cmake)
include(CPack)
