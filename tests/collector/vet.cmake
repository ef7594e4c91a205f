# SPDX-License-Identifier: MIT
# vet: the collector's checks and previews of content bundles, run through
# `mesokiosk-collector vet` with the real kiosk binary (and a stand-in for
# content no real content can be: one that never ends or eats memory).
add_executable(vet_standin vet_standin.c)
target_compile_definitions(vet_standin PRIVATE MK_REAL_KIOSK="$<TARGET_FILE:mesokiosk>")
foreach(case problems preview diff limits confined)
  add_test(NAME collector_vet_${case} COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/vet.sh ${case}
    $<TARGET_FILE:mesokiosk-collector> $<TARGET_FILE:mesokiosk> $<TARGET_FILE:vet_standin>
    ${MK_SOURCE_DIR})
  set_tests_properties(collector_vet_${case} PROPERTIES TIMEOUT 300)
endforeach()
