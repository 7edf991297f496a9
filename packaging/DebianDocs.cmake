# /usr/share/doc/<package>/{copyright,changelog.gz} in every component, as Debian policy asks.
configure_file(debian/changelog.in ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog @ONLY)
set(changelog ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.gz)
add_custom_command(OUTPUT ${changelog}
  COMMAND gzip -9nc ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog > ${changelog}
  DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog)
add_custom_target(lmcf_debian_changelog ALL DEPENDS ${changelog})
foreach(component ${LMCF_COMPONENTS})
  set(docdir ${CMAKE_INSTALL_DATADIR}/doc/${LMCF_PACKAGE_${component}})
  install(FILES debian/copyright ${changelog} DESTINATION ${docdir} COMPONENT ${component})
endforeach()
