# `cmake --build build --target format` runs clang-format over every tracked C++ file.
find_program(LMCF_CLANG_FORMAT NAMES clang-format clang-format-14)
if(LMCF_CLANG_FORMAT)
  file(GLOB_RECURSE LMCF_FORMAT_FILES CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h
    ${PROJECT_SOURCE_DIR}/daemon/*.cpp ${PROJECT_SOURCE_DIR}/daemon/*.h
    ${PROJECT_SOURCE_DIR}/shared/*.cpp ${PROJECT_SOURCE_DIR}/shared/*.h
    ${PROJECT_SOURCE_DIR}/plugin/*.cpp ${PROJECT_SOURCE_DIR}/plugin/*.h
    ${PROJECT_SOURCE_DIR}/sim/*.cpp ${PROJECT_SOURCE_DIR}/sim/*.h
    ${PROJECT_SOURCE_DIR}/tests/*.cpp ${PROJECT_SOURCE_DIR}/tests/*.h
    ${PROJECT_SOURCE_DIR}/bench/*.cpp ${PROJECT_SOURCE_DIR}/bench/*.h)
  add_custom_target(format
    COMMAND ${LMCF_CLANG_FORMAT} -i ${LMCF_FORMAT_FILES}
    COMMENT "clang-format on all sources" VERBATIM)
endif()
