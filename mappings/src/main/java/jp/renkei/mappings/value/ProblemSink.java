package jp.renkei.mappings.value;

import jp.renkei.mappings.layout.Severity;
import jp.renkei.mappings.record.ErrorCode;

/** Receives what is wrong with one value; the reader adds where it was. */
@FunctionalInterface
public interface ProblemSink {
    void report(ErrorCode code, Severity severity, String expected, String detail);
}
