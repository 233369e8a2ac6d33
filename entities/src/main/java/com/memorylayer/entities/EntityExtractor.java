package com.memorylayer.entities;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

/**
 * Finds the entities a text names and the relations it states, without an LLM: milliseconds a memory, not
 * seconds. Structured kinds (emails, URLs, paths, versions, dates) come from patterns; names come from runs of
 * proper nouns that Apache OpenNLP's English models (sentences, tokens, parts of speech, trained on UD English
 * Web Treebank) tag, classified by gazetteers (tools, places, given names), head words ("… University",
 * "… Street") and cues around them ("in Paris", "Caroline's", "Hey Mel"). Relations come from verb patterns
 * between two entities of one sentence. Thread-safe: the models are shared, each thread has its own taggers.
 */
public final class EntityExtractor {

    /** The relations a sentence can state, by the words that state them. */
    public static final Set<String> RELATIONS = Set.of("uses", "works_with", "depends_on", "created", "manages");

    // Every pattern here runs over a memory's text on the worker's one command thread, so they are RE2/J's: linear
    // in the text whatever it holds. java.util.regex backtracked: EMAIL took ~15 s over 32,000 characters of "a-a-a-",
    // delaying every workspace's next write. \s is spelled out as Java's (RE2/J's leaves out vertical tab).
    private static final String SPACE = "[ \\t\\n\\x0B\\f\\r]";
    private static final Pattern EMAIL = Pattern.compile("\\b[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+\\b");
    private static final Pattern URL = Pattern.compile("\\bhttps?://[^ \\t\\n\\x0B\\f\\r<>\"')\\]]+[^ \\t\\n\\x0B\\f\\r<>\"')\\].,;:!?]");
    /** Group 1 is the path; RE2/J has no look-behind, so the character before it (not a word, '/' or '.') is matched. */
    private static final Pattern PATH = Pattern.compile("(?:^|[^\\w/.])((?:~|\\.{1,2})?/(?:[\\w.-]+/)*[\\w.-]+\\.?[\\w-]*)");
    private static final Pattern VERSION = Pattern.compile("\\bv?\\d+\\.\\d+(?:\\.\\d+)+(?:-[\\w.]+)?\\b|\\bv\\d+(?:\\.\\d+)?\\b");
    private static final String MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
            + "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private static final Pattern DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b"
            + "|\\b" + MONTH + "\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}\\b"
            + "|\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?" + MONTH + ",? \\d{4}\\b"
            + "|\\b" + MONTH + ",? \\d{4}\\b");
    /** "Caroline: …" or "Caroline said, …" — a transcript's speaker, the ways chat turns are often stored. */
    private static final Pattern SPEAKER = Pattern.compile("^" + SPACE + "*([A-Z][\\p{L}'-]+(?: [A-Z][\\p{L}'-]+)?)(?::" + SPACE
            + "| (?:said|says|wrote|asked),? )");

    private static final Set<String> PROPER = Set.of("PROPN", "NNP", "NNPS");
    private static final Set<String> CAPITALISED_NAME_TAGS = Set.of("NOUN", "ADJ", "X", "NN", "NNS", "JJ", "FW");
    private static final Set<String> QUOTES = Set.of("\"", "“", "``", "''");
    private static final Set<String> OPENING_PUNCTUATION = Set.of("\"", "'", "(", "[", "“", "‘", "-", "*");
    /** Words the tagger sometimes calls proper nouns that name nothing. */
    private static final Set<String> NOT_NAMES = Set.of("i", "hey", "hi", "hello", "wow", "oh", "yeah", "yes", "no", "ok",
            "okay", "thanks", "thank", "lol", "omg", "haha", "woah", "whoa", "woohoo", "yay", "hooray", "aww", "ugh", "hmm", "yep", "nope", "awesome", "cool", "great", "congrats", "congratulations",
            "sure", "bye", "dear", "mom", "dad", "god", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "today", "tomorrow", "yesterday", "btw", "anyway", "nice", "good", "love", "sorry",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "mr", "mrs", "ms", "dr", "prof", "sir", "madam", "it", "that", "what", "let", "here",
            "there", "he", "she", "how", "who", "where", "when", "why", "this", "everyone", "everything", "nothing",
            "someone", "somebody", "nobody", "one", "tonight", "life", "agreed", "glad",
            // Labels agents open a memory with ("Decision: …", "Error: …"): not a speaker.
            "decision", "error", "todo", "note", "fix", "bug", "update", "summary", "question", "answer", "idea", "issue",
            "warning", "info", "next", "done", "status", "result", "lesson", "tip", "reminder", "goal", "plan", "problem",
            "solution", "context", "task", "action", "outcome", "fact", "rule", "procedure", "step", "checkpoint");
    /** Words that open a greeting to someone: "Hey Mel", "Thanks Jon", "Wow Gina". */
    private static final Set<String> VOCATIVE_OPENERS = Set.of("hey", "hi", "hello", "thanks", "thank", "dear", "wow",
            "woah", "whoa", "yeah", "ok", "okay", "congrats", "congratulations", "sorry", "bye", "morning", "yo", "oh");
    private static final Set<String> DETERMINERS = Set.of("a", "an", "the", "this", "that", "these", "those", "my", "your",
            "our", "their", "his", "her", "its");
    private static final Set<String> POSSESSIVE_DETERMINERS = Set.of("my", "your", "our", "their", "his", "her", "its");
    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "aunt",
            "uncle", "grandma", "grandpa", "cousin");
    private static final Set<String> ORGANISATION_HEADS = Set.of("inc", "corp", "corporation", "llc", "ltd", "company",
            "co", "group", "foundation", "university", "college", "school", "institute", "bank", "hospital", "club",
            "association", "society", "labs", "lab", "agency", "church", "center", "centre", "museum", "academy",
            "council", "committee", "department", "ministry", "team", "studio", "studios", "records", "press",
            "network", "systems", "technologies", "partners", "bakery", "cafe", "restaurant", "shelter", "library");
    private static final Set<String> PLACE_HEADS = Set.of("city", "street", "st", "avenue", "ave", "road", "rd", "park",
            "lake", "river", "mountain", "mountains", "mount", "mt", "beach", "island", "islands", "county", "state",
            "valley", "bay", "coast", "canyon", "falls", "forest", "desert", "village", "town", "square", "bridge");
    private static final Set<String> PLACE_CUES = Set.of("in", "from", "to", "near", "visited", "visit", "visiting",
            "around", "across", "outside", "inside");
    private static final Set<String> SAYING = Set.of("said", "says", "told", "tells", "asked", "asks", "mentioned",
            "explained", "noted", "wrote", "thinks", "thought", "believes", "wants", "loves", "likes", "is", "was",
            "has", "had", "and");
    /** Tool names that are also plain English words: taken only when written as a name. */
    private static final Set<String> COMMON_WORD_TOOLS = Set.of("go", "rust", "swift", "spring", "express", "node", "linear",
            "lambda", "excel", "apache", "unity", "chef", "puppet", "zoom", "slack", "notion", "yarn", "jest", "spark",
            "pip", "poetry", "vim", "windows", "git", "java", "python", "ruby", "perl", "chrome", "unreal", "rails", "flask",
            "discord", "stripe", "blender", "sentry", "prettier", "playwright", "selenium", "helm", "vagrant", "lucene",
            "babel");

    private static final List<Pattern> RELATION_PATTERNS = List.of(
            Pattern.compile("(?:now |also |still )?(?:uses|use|used|is using|are using|was using|relies on)"),
            Pattern.compile("(?:works|work|worked|is working|was working) (?:with|alongside)"),
            Pattern.compile("(?:depends|depend|depended) on"),
            Pattern.compile("(?:created|built|made|wrote|founded|started|designed|developed)"),
            Pattern.compile("(?:manages|manage|managed|leads|lead|led|runs|ran|is running|heads)"));
    private static final List<String> RELATION_NAMES = List.of("uses", "works_with", "depends_on", "created", "manages");
    private static final List<Pattern> ENDING_PATTERNS = List.of(
            Pattern.compile("(?:no longer uses|stopped using|doesn't use|does not use|quit using|moved off|moved away from|replaced)"),
            Pattern.compile("(?:no longer works with|stopped working with|doesn't work with|does not work with|left)"),
            Pattern.compile("(?:no longer depends on|doesn't depend on|does not depend on|dropped)"),
            // "created" has no ending: a pattern that matches nothing (a boundary that is not one).
            Pattern.compile("\\b\\B"),
            Pattern.compile("(?:no longer manages|stopped managing|no longer leads|stepped down from|handed over)"));

    private static final Pattern LEADING_POSSESSIVE = Pattern.compile("^'s" + SPACE + "+");
    private static final Pattern TRAILING_DETERMINER = Pattern.compile(SPACE + "+(?:the|a|an|our|their|his|her|its)$");

    private final SentenceModel sentenceModel;
    private final TokenizerModel tokenizerModel;
    private final POSModel posModel;
    private final ThreadLocal<SentenceDetectorME> sentences;
    private final ThreadLocal<TokenizerME> tokenizers;
    private final ThreadLocal<POSTaggerME> taggers;
    private final Gazetteer tools = Gazetteer.load("tools.txt");
    private final Gazetteer places = Gazetteer.load("places.txt");
    private final Gazetteer givenNames = Gazetteer.load("first-names.txt");
    private final Gazetteer organisations = Gazetteer.load("organisations.txt");

    private EntityExtractor(SentenceModel sentenceModel, TokenizerModel tokenizerModel, POSModel posModel) {
        this.sentenceModel = sentenceModel;
        this.tokenizerModel = tokenizerModel;
        this.posModel = posModel;
        this.sentences = ThreadLocal.withInitial(() -> new SentenceDetectorME(this.sentenceModel));
        this.tokenizers = ThreadLocal.withInitial(() -> new TokenizerME(this.tokenizerModel));
        this.taggers = ThreadLocal.withInitial(() -> new POSTaggerME(this.posModel, POSTagFormat.UD));
    }

    /** Loads the English models from the classpath (the OpenNLP model jars); about a second, once per process. */
    public static EntityExtractor english() {
        try {
            return new EntityExtractor(new SentenceModel(model("opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin")),
                    new TokenizerModel(model("opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin")),
                    new POSModel(model("opennlp-en-ud-ewt-pos-1.3-2.5.4.bin")));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenNLP English models could not be read", e);
        }
    }

    private static InputStream model(String name) throws IOException {
        InputStream in = EntityExtractor.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("model " + name + " is not on the classpath (opennlp-models-*-en)");
        }
        return in;
    }

    public Extraction extract(String text) {
        List<Mention> mentions = new ArrayList<>();
        structured(text, mentions);
        Matcher speaker = SPEAKER.matcher(text);
        int bodyStart = 0;
        if (speaker.find() && !NOT_NAMES.contains(speaker.group(1).toLowerCase(Locale.ROOT))) {
            add(mentions, text, speaker.start(1), speaker.end(1), EntityType.PERSON);
            // What follows the speaker opens a sentence of its own.
            bodyStart = speaker.end();
        }
        for (Span sentence : sentences.get().sentPosDetect(text.substring(bodyStart))) {
            names(text, new Span(sentence.getStart() + bodyStart, sentence.getEnd() + bodyStart), mentions);
        }
        mentions.sort(Comparator.comparingInt(Mention::start));
        return new Extraction(mentions, relations(text, mentions));
    }

    /** Emails, URLs, paths, dates and versions: the pattern-found kinds (package-visible for their worst-case tests). */
    static void structured(String text, List<Mention> mentions) {
        find(EMAIL, text, EntityType.EMAIL, mentions);
        find(URL, text, EntityType.URL, mentions);
        find(PATH, text, EntityType.PATH, mentions);
        find(DATE, text, EntityType.DATE, mentions);
        find(VERSION, text, EntityType.VERSION, mentions);
    }

    private static void find(Pattern pattern, String text, EntityType type, List<Mention> mentions) {
        Matcher m = pattern.matcher(text);
        int group = pattern.groupCount() > 0 ? 1 : 0;
        while (m.find()) {
            String found = m.group(group);
            if (type == EntityType.PATH && (found.length() < 3 || !found.substring(1).contains("/") && !found.startsWith("~")
                    && !found.startsWith("/"))) {
                continue;
            }
            add(mentions, text, m.start(group), m.end(group), type);
        }
    }

    /** Adds a mention unless an earlier one already covers part of its span. */
    private static void add(List<Mention> mentions, String text, int start, int end, EntityType type) {
        for (Mention m : mentions) {
            if (start < m.end() && m.start() < end) {
                return;
            }
        }
        String name = EntityNames.display(text.substring(start, end));
        String key = EntityNames.key(name);
        if (!key.isEmpty()) {
            mentions.add(new Mention(name, key, type, start, start + name.length()));
        }
    }

    private void names(String text, Span sentence, List<Mention> mentions) {
        String sentenceText = sentence.getCoveredText(text).toString();
        Span[] tokenSpans = tokenizers.get().tokenizePos(sentenceText);
        if (tokenSpans.length == 0) {
            return;
        }
        String[] tokens = Span.spansToStrings(tokenSpans, sentenceText);
        String[] tags = taggers.get().tag(tokens);
        int i = 0;
        while (i < tokens.length) {
            if (!startsName(tokens, tags, i)) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < tokens.length && (continuesName(tokens, tags, end)
                    || "of".equals(tokens[end]) && end + 1 < tokens.length && continuesName(tokens, tags, end + 1)
                    && ORGANISATION_HEADS.contains(lower(tokens[end - 1])))) {
                end++;
            }
            int start = i;
            // A title opens a person's name but is not part of it.
            boolean titled = TITLES.contains(lower(tokens[start]).replace(".", "")) && end - start > 1;
            if (titled) {
                start++;
            }
            // "Project Atlas" names the project Atlas.
            boolean project = !titled && "project".equals(lower(tokens[start])) && end - start > 1;
            if (project) {
                start++;
            }
            EntityType type = project ? EntityType.PROJECT : classify(tokens, tags, start, end, titled);
            if (type != null) {
                add(mentions, text, sentence.getStart() + tokenSpans[start].getStart(),
                        sentence.getStart() + tokenSpans[end - 1].getEnd(), type);
            }
            i = end;
        }
        // Tools are often written in lower case ("we moved to postgres"): known ones count wherever they stand.
        for (int t = 0; t < tokens.length; t++) {
            String word = lower(tokens[t]);
            if (tools.contains(word) && (!COMMON_WORD_TOOLS.contains(word) || Character.isUpperCase(tokens[t].charAt(0)))) {
                add(mentions, text, sentence.getStart() + tokenSpans[t].getStart(), sentence.getStart() + tokenSpans[t].getEnd(),
                        EntityType.TOOL);
            }
        }
    }

    private boolean startsName(String[] tokens, String[] tags, int i) {
        return continuesName(tokens, tags, i) || TITLES.contains(lower(tokens[i]).replace(".", ""))
                && Character.isUpperCase(tokens[i].charAt(0)) && i + 1 < tokens.length && continuesName(tokens, tags, i + 1);
    }

    /**
     * A word that can be part of a name: capitalised, and either tagged a proper noun or, away from the start of
     * its sentence, tagged a noun or adjective. The English Web Treebank model tags many capitalised names
     * ("Project Atlas", "Golden Gate") as common nouns and adjectives; capitals mid-sentence say more.
     */
    private boolean continuesName(String[] tokens, String[] tags, int i) {
        String token = tokens[i];
        String base = lower(EntityNames.display(token));
        if (!Character.isUpperCase(token.codePointAt(0)) || base.length() < 2 || NOT_NAMES.contains(base)) {
            return false;
        }
        // The tokenizer keeps "Priya's" whole and the tagger may call it anything: a capitalised possessive names,
        // unless it opens the sentence ("Life's too short").
        if (PROPER.contains(tags[i]) || possessive(token) && (!opensSentence(tokens, i) || givenNames.contains(base))) {
            return true;
        }
        // "Wow Nate, …": the tagger may take a name greeted for part of the interjection.
        if (i > 0 && VOCATIVE_OPENERS.contains(lower(tokens[i - 1])) && i + 1 < tokens.length
                && (",".equals(tokens[i + 1]) || "!".equals(tokens[i + 1]))) {
            return true;
        }
        if (!CAPITALISED_NAME_TAGS.contains(tags[i])) {
            return false;
        }
        // Opening a sentence, a capital says nothing, unless the word is a known given name or a possessive's.
        return !opensSentence(tokens, i) || givenNames.contains(base)
                || i + 1 < tokens.length && ("'s".equals(tokens[i + 1]) || "’s".equals(tokens[i + 1]));
    }

    private static boolean possessive(String token) {
        return token.length() > 3 && (token.endsWith("'s") || token.endsWith("’s"));
    }

    /** First in its sentence, or first after an opening quote, a colon or a dash: a capital there says nothing. */
    private static boolean opensSentence(String[] tokens, int i) {
        if (i > 0 && (QUOTES.contains(tokens[i - 1]) || ":".equals(tokens[i - 1]) || "-".equals(tokens[i - 1]))) {
            return true;
        }
        for (int j = i - 1; j >= 0; j--) {
            if (!OPENING_PUNCTUATION.contains(tokens[j])) {
                return false;
            }
        }
        return true;
    }

    /** What a run of proper nouns names, or null when it is nothing worth keeping. */
    private EntityType classify(String[] tokens, String[] tags, int start, int end, boolean titled) {
        String key = EntityNames.key(String.join(" ", java.util.Arrays.copyOfRange(tokens, start, end)));
        String first = lower(EntityNames.display(tokens[start]));
        String last = lower(EntityNames.display(tokens[end - 1]));
        String before = start > 0 ? lower(tokens[start - 1]) : "";
        String after = end < tokens.length ? lower(tokens[end]) : "";
        if (titled) {
            return EntityType.PERSON;
        }
        if (tools.contains(key)) {
            return EntityType.TOOL;
        }
        if ("project".equals(before) || "project".equals(after)) {
            return EntityType.PROJECT;
        }
        if (ORGANISATION_HEADS.contains(last.replace(".", "")) || "university".equals(first) || organisations.contains(key)) {
            return EntityType.ORGANISATION;
        }
        if (PLACE_HEADS.contains(last.replace(".", "")) && end - start > 1) {
            return EntityType.PLACE;
        }
        boolean givenName = givenNames.contains(first);
        if (places.contains(key) && (!givenName || PLACE_CUES.contains(before))) {
            return EntityType.PLACE;
        }
        // A name used as a modifier ("the Harry Potter party", "my Zen") is not someone being mentioned.
        boolean modifier = (DETERMINERS.contains(before) || start > 0 && "ADJ".equals(tags[start - 1]))
                && end < tags.length && "NOUN".equals(tags[end]);
        if (modifier || POSSESSIVE_DETERMINERS.contains(before) && end - start == 1) {
            return EntityType.OTHER;
        }
        if (givenName) {
            return EntityType.PERSON;
        }
        boolean sentenceStart = opensSentence(tokens, start);
        boolean possessive = "'s".equals(after) || "’s".equals(after) || possessive(tokens[end - 1]);
        boolean addressed = VOCATIVE_OPENERS.contains(before)
                || ",".equals(before) && (after.equals("!") || after.equals("?") || after.equals(".") || after.equals(","));
        if (end - start <= 2 && (possessive || addressed || SAYING.contains(after) && !sentenceStart)) {
            return EntityType.PERSON;
        }
        if (PLACE_CUES.contains(before)) {
            return EntityType.PLACE;
        }
        if (sentenceStart && end - start == 1) {
            // A lone name opening a sentence and doing something ("Jolene visited …") is most often someone; a lone
            // capitalised word otherwise is as often a plain word the tagger misread as a name.
            boolean acts = end < tags.length && tags[end].equals("VERB");
            return acts && PROPER.contains(tags[start]) ? EntityType.PERSON : null;
        }
        return EntityType.OTHER;
    }

    private List<StatedRelation> relations(String text, List<Mention> mentions) {
        List<StatedRelation> relations = new ArrayList<>();
        for (int a = 0; a < mentions.size(); a++) {
            for (int b = a + 1; b < mentions.size() && b <= a + 3; b++) {
                Mention source = mentions.get(a);
                Mention target = mentions.get(b);
                if (target.start() < source.end() || source.key().equals(target.key())) {
                    continue;
                }
                String between = text.substring(source.end(), target.start()).strip().toLowerCase(Locale.ROOT);
                if (between.length() > 40 || between.contains(".") || between.contains("?") || between.contains("!")) {
                    continue;
                }
                between = TRAILING_DETERMINER.matcher(LEADING_POSSESSIVE.matcher(between).replaceFirst("")).replaceFirst("");
                for (int r = 0; r < RELATION_NAMES.size(); r++) {
                    if (ENDING_PATTERNS.get(r).matcher(between).matches()) {
                        relations.add(new StatedRelation(source.key(), RELATION_NAMES.get(r), target.key(), true));
                        break;
                    }
                    if (RELATION_PATTERNS.get(r).matcher(between).matches()) {
                        relations.add(new StatedRelation(source.key(), RELATION_NAMES.get(r), target.key(), false));
                        break;
                    }
                }
            }
        }
        return relations;
    }

    private static String lower(String token) {
        return token.toLowerCase(Locale.ROOT);
    }

    /** A list of names, one per line of a resource, compared by canonical key. */
    private record Gazetteer(Set<String> keys) {

        static Gazetteer load(String resource) {
            try (InputStream in = EntityExtractor.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("gazetteer " + resource + " is missing from the classpath");
                }
                return new Gazetteer(Set.copyOf(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(EntityNames::key)
                        .collect(java.util.stream.Collectors.toSet())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean contains(String key) {
            return keys.contains(key);
        }
    }
}
