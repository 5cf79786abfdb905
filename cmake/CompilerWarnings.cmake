# scdesk_set_warnings(target): strict warnings for our own code only (system headers are exempt).
function(scdesk_set_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor>)
endfunction()

# Qt targets: the strict string rules LabPlot uses, so every user-visible string goes through tr().
function(scdesk_qt_strict target)
  target_compile_definitions(${target} PRIVATE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_USE_QSTRINGBUILDER
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT)
  # No QT_NO_KEYWORDS: qcustomplot.h uses `signals` and `foreach`. Our code writes Q_SIGNALS anyway.
endfunction()
