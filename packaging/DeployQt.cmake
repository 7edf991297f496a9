# Windows and macOS packages carry their own Qt: run windeployqt / macdeployqt on the installed
# program before CPack archives it. (Linux packages depend on Debian's Qt instead.)
if(NOT (WIN32 OR APPLE) OR NOT LMCF_BUILD_GUI)
  return()
endif()
get_target_property(qmake_path Qt6::qmake IMPORTED_LOCATION)
get_filename_component(qt_bin_dir "${qmake_path}" DIRECTORY)
if(WIN32)
  find_program(LMCF_DEPLOYQT windeployqt HINTS "${qt_bin_dir}")
  install(CODE "execute_process(COMMAND \"${LMCF_DEPLOYQT}\" --no-translations
                \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/lmcache-fleet.exe\")"
          COMPONENT gui)
else()
  find_program(LMCF_DEPLOYQT macdeployqt HINTS "${qt_bin_dir}")
  install(CODE "execute_process(COMMAND \"${LMCF_DEPLOYQT}\"
                \"\${CMAKE_INSTALL_PREFIX}/lmcache-fleet.app\")"
          COMPONENT gui)
endif()
