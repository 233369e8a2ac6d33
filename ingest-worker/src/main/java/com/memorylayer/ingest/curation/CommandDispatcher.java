package com.memorylayer.ingest.curation;

import com.memorylayer.entities.graph.GraphIndexer;
import com.memorylayer.schemas.events.AnnotateMemory;
import com.memorylayer.schemas.events.BatchChange;
import com.memorylayer.schemas.events.ChangeStatus;
import com.memorylayer.schemas.events.ConsolidateMemories;
import com.memorylayer.schemas.events.DedupeMemories;
import com.memorylayer.schemas.events.EditMemory;
import com.memorylayer.schemas.events.EraseMemory;
import com.memorylayer.schemas.events.LinkMemories;
import com.memorylayer.schemas.events.MemoriesAccessed;
import com.memorylayer.schemas.events.MemoryCommand;
import com.memorylayer.schemas.events.MergeEntities;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.events.SessionRecalls;
import com.memorylayer.schemas.events.UpdateEntity;
import com.memorylayer.schemas.events.WriteDiaryEntry;
import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.topics.TopicSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Applies one command of any type inside its workspace's transaction, by the handler for its type, or with
 * {@link #maintain} a workspace-wide maintenance command on the maintenance consumer. The switch is over the sealed
 * command type, so a new command does not compile until it has a handler.
 */
@Component
public class CommandDispatcher {

    private final CurationSettings settings;
    private final RememberHandler remember;
    private final EditHandler edit = new EditHandler();
    private final AnnotateHandler annotate = new AnnotateHandler();
    private final StatusHandler status;
    private final EraseHandler erase;
    private final BatchHandler batch = new BatchHandler();
    private final DedupeHandler dedupe;
    private final ConsolidateHandler consolidate;
    private final AccessHandler access = new AccessHandler();
    private final SessionHandler sessions = new SessionHandler();
    /** Keeps the entity graph in step with what a command changed; null when the graph is off. */
    private final GraphIndexer graph;
    private final GraphCommandHandler graphCommands;

    /** Without the entity graph. */
    public CommandDispatcher(CurationSettings settings, TopicSettings topics) {
        this(settings, topics, (GraphIndexer) null);
    }

    @Autowired
    public CommandDispatcher(CurationSettings settings, TopicSettings topics, ObjectProvider<GraphIndexer> graph) {
        this(settings, topics, graph.getIfAvailable());
    }

    public CommandDispatcher(CurationSettings settings, TopicSettings topics, GraphIndexer graph) {
        this.graph = graph;
        this.graphCommands = new GraphCommandHandler(graph);
        this.settings = settings;
        DuplicateFinder duplicates = new DuplicateFinder();
        MemoryMerge merge = new MemoryMerge();
        this.remember = new RememberHandler(duplicates, merge);
        this.status = new StatusHandler(settings);
        this.erase = new EraseHandler(topics);
        this.dedupe = new DedupeHandler(duplicates, merge);
        this.consolidate = new ConsolidateHandler(settings, dedupe);
    }

    /**
     * @param vector the embedding of the command's text (a remember's content, an edit's new content), else null
     */
    public Applied apply(WorkspaceTx tx, MemoryCommand command, float[] vector, String embeddingModel) {
        if (graph != null && command instanceof EraseMemory e
                && tx.dsl().fetchExists(com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES,
                        com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES.ID.eq(e.memoryId()))) {
            // Before the row goes: its mentions would go with it, and nothing would say what to recount. An erase
            // of a memory that exists is never refused, so nothing is withdrawn from a memory that stays.
            graph.withdraw(tx.dsl(), java.util.List.of(e.memoryId()));
        }
        Applied applied = switch (command) {
            case RememberMemory r -> remember.apply(tx, r, vector, embeddingModel);
            case EditMemory e -> edit.apply(tx, e, vector, embeddingModel);
            case AnnotateMemory a -> annotate.apply(tx, a);
            case ChangeStatus s -> status.apply(tx, s);
            case EraseMemory e -> erase.apply(tx, e);
            case BatchChange _, DedupeMemories _, ConsolidateMemories _, UpdateEntity _, MergeEntities _ ->
                    throw new IllegalArgumentException(command.type() + " runs on the maintenance consumer: see maintain");
            case MemoriesAccessed a -> access.apply(tx, a);
            case LinkMemories l -> graphCommands.link(tx, l);
            case WriteDiaryEntry d -> sessions.diary(tx, d);
            case SessionRecalls r -> sessions.recalls(tx, r);
        };
        if (!(command instanceof MemoriesAccessed || command instanceof AnnotateMemory || command instanceof LinkMemories
                || command instanceof WriteDiaryEntry || command instanceof SessionRecalls)) {
            followGraph(tx, applied);
        }
        return applied;
    }

    /**
     * The commands that read or change a whole workspace, and may take long: they are not applied on the command
     * thread that every workspace's interactive commands share, but forwarded to the maintenance consumer once the
     * commands accepted before them are applied, and run there by {@link #maintain}.
     */
    public static boolean isMaintenance(MemoryCommand command) {
        return command instanceof BatchChange || command instanceof DedupeMemories || command instanceof ConsolidateMemories
                || command instanceof UpdateEntity || command instanceof MergeEntities;
    }

    /**
     * Applies one maintenance command: reads without the write lock, writes in short transactions, within the
     * pass's bounds. The entity graph follows each write (the graph commands re-read their memories themselves).
     */
    public Applied maintain(MaintenanceTx m, MemoryCommand command) {
        return switch (command) {
            case BatchChange b -> batch.apply(m, b);
            case DedupeMemories d -> dedupe.apply(m, d.maxMerges(), settings.dedupeScanLimit(), d.dryRun());
            case ConsolidateMemories c -> consolidate.apply(m, c.dryRun());
            case UpdateEntity u -> graphCommands.update(m, u);
            case MergeEntities g -> graphCommands.merge(m, g);
            default -> throw new IllegalArgumentException(command.type() + " is not a maintenance command");
        };
    }

    /** Whether the memories a maintenance command's writes change are for {@link #followGraph} to re-read. */
    public static boolean followsGraph(MemoryCommand command) {
        return !(command instanceof UpdateEntity || command instanceof MergeEntities);
    }

    /**
     * Brings the entity graph in step with the memories a command stored or changed, in the command's transaction:
     * a memory's text, status or existence decides what it contributes.
     */
    public void followGraph(WorkspaceTx tx, Applied applied) {
        if (graph == null) {
            return;
        }
        java.util.Set<java.util.UUID> memories = new java.util.LinkedHashSet<>();
        if (applied.stored() != null) {
            memories.add(applied.stored().memoryId());
        }
        applied.changes().forEach(change -> memories.add(change.memoryId()));
        graph.reindex(tx.dsl(), memories);
    }

    /** The text a command needs embedded before it is applied, or null. */
    public static String textOf(MemoryCommand command) {
        return switch (command) {
            case RememberMemory r -> r.content();
            case EditMemory e -> e.content();
            default -> null;
        };
    }

    /** How a command's change to one memory is named in its memory-changed event. */
    public static String changeOf(MemoryCommand command) {
        return switch (command) {
            case EditMemory e -> "edited";
            case AnnotateMemory a -> "annotated";
            case ChangeStatus s -> "status";
            case EraseMemory e -> "erased";
            default -> "updated";
        };
    }

    /** The person behind a command, or null for a key or the worker itself. */
    public static java.util.UUID actorOf(MemoryCommand command) {
        return switch (command) {
            case RememberMemory r -> r.actorUserId();
            case EditMemory e -> e.actorUserId();
            case AnnotateMemory a -> a.actorUserId();
            case ChangeStatus s -> s.actorUserId();
            case EraseMemory e -> e.actorUserId();
            case BatchChange b -> b.actorUserId();
            case DedupeMemories d -> d.actorUserId();
            case ConsolidateMemories c -> c.actorUserId();
            case MemoriesAccessed a -> null;
            case SessionRecalls r -> null;
            case WriteDiaryEntry d -> d.actorUserId();
            case UpdateEntity u -> u.actorUserId();
            case MergeEntities m -> m.actorUserId();
            case LinkMemories l -> l.actorUserId();
        };
    }

    /** The memory a command is about, known before it is applied, or null for the many-memory commands. */
    public static java.util.UUID memoryOf(MemoryCommand command) {
        return switch (command) {
            case RememberMemory r -> r.memoryId();
            case EditMemory e -> e.memoryId();
            case AnnotateMemory a -> a.memoryId();
            case ChangeStatus s -> s.memoryId();
            case EraseMemory e -> e.memoryId();
            case LinkMemories l -> l.memoryId();
            default -> null;
        };
    }
}
