package com.memorylayer.gateway.ingest;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.memory.CommandWrites;
import com.memorylayer.schemas.events.WriteDiaryEntry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The diary lines of an imported export, written back as the sessions wrote them: each keeps its id and time, so
 * importing one export twice writes each line once, and a resume reads them in their order.
 */
@Component
class DiaryImport {

    private final CommandWrites writes;

    DiaryImport(CommandWrites writes) {
        this.writes = writes;
    }

    void write(WorkspaceCaller caller, List<ExportLineParser.DiaryLine> lines) {
        for (ExportLineParser.DiaryLine line : lines) {
            writes.submit(caller, line.id(), null, new WriteDiaryEntry(line.id(), line.sessionId(), line.entry(), line.writtenAt(),
                    caller.userId()), false);
        }
    }
}
