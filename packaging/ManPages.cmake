# Man pages generated from each program's own --help and --version by help2man, so they can
# never drift from the flags (the daemon's in section 8, the others in section 1).
find_program(LMCF_HELP2MAN help2man)
find_program(LMCF_GZIP gzip)
if(NOT LMCF_HELP2MAN OR NOT LMCF_GZIP)
  message(STATUS "help2man or gzip not found: man pages are not generated")
  return()
endif()

set(LMCF_MAN_DIR ${CMAKE_CURRENT_BINARY_DIR}/man)
set(LMCF_MAN_PAGES)

function(lmcf_man_page target section component summary)
  set(page ${LMCF_MAN_DIR}/${target}.${section})
  add_custom_command(OUTPUT ${page}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${LMCF_MAN_DIR}
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen
            ${LMCF_HELP2MAN} --no-info --no-discard-stderr --section=${section}
            --name=${summary} --output=${page} $<TARGET_FILE:${target}>
    COMMAND ${LMCF_GZIP} -9nf ${page}
    DEPENDS ${target} VERBATIM)
  set(LMCF_MAN_PAGES ${LMCF_MAN_PAGES} ${page}.gz PARENT_SCOPE)
  install(FILES ${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section}
          COMPONENT ${component})
endfunction()

lmcf_man_page(lmcache-fleetd 8 daemon "LMCache Fleet head-node daemon")
lmcf_man_page(lmcache-heartbeat 1 agent "keep an LMCache server registered with a registry")
lmcf_man_page(lmcache-fleet-sim 1 sim "simulated LMCache nodes for demos and tests")
if(LMCF_BUILD_GUI)
  lmcf_man_page(lmcache-fleet 1 gui "the LMCache Fleet desktop app")
endif()
add_custom_target(lmcf_man_pages ALL DEPENDS ${LMCF_MAN_PAGES})
