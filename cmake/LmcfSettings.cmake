# Project-wide compile settings: every target links lmcf_settings and nothing else sets flags.
add_library(lmcf_settings INTERFACE)
target_compile_features(lmcf_settings INTERFACE cxx_std_20)
target_compile_options(lmcf_settings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic>)
target_compile_definitions(lmcf_settings INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_URL_CAST_FROM_STRING
  QT_USE_QSTRINGBUILDER
  QT_NO_KEYWORDS
  LMCF_VERSION_STRING="${PROJECT_VERSION}")
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

# Hardening that Debian's lintian looks for, in every optimised build (not under sanitizers).
if(NOT LMCF_BUILD_FUZZ AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(lmcf_settings INTERFACE -fstack-protector-strong)
  target_compile_definitions(lmcf_settings INTERFACE $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
  target_link_options(lmcf_settings INTERFACE -Wl,-z,relro -Wl,-z,now)
endif()
