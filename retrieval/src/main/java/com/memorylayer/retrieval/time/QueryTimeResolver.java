package com.memorylayer.retrieval.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the time a query asks about and resolves it against a reference date (when the question is asked): an
 * absolute date ("on 8 May 2023", "October 13, 2023", "2023-05-08"), a month ("in May 2023", "in June": the latest
 * June not after the reference), a year ("in 2022"), or a relative time ("yesterday", "last week", "this month",
 * "three days ago", "in the past two weeks", "last Friday", "recently"). No model and no clock of its own: the same
 * query and reference give the same window. A time anchored on an event ("two days before the conference") is not
 * resolved: that needs the event's date, which only recall itself could find.
 */
public final class QueryTimeResolver {

    private static final String MONTH = "(january|february|march|april|may|june|july|august|september|october|november|december"
            + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";
    private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
    private static final String YEAR = "((?:19|20)\\d{2})";
    private static final String NUMBER = "(\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a few|few|several)";
    private static final String UNIT = "(day|week|month|year)s?";
    private static final String WEEKDAY = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)";

    private static final Pattern ISO_DAY = Pattern.compile("\\b" + YEAR + "-(\\d{2})-(\\d{2})\\b");
    private static final Pattern ISO_MONTH = Pattern.compile("\\b" + YEAR + "-(\\d{2})\\b");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("\\b(?:the\\s+)?" + DAY + "\\s+(?:of\\s+)?" + MONTH + ",?\\s+" + YEAR + "\\b");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile("\\b" + MONTH + "\\s+" + DAY + ",?\\s+" + YEAR + "\\b");
    private static final Pattern MONTH_YEAR = Pattern.compile("\\b" + MONTH + ",?\\s+(?:of\\s+)?" + YEAR + "\\b");
    private static final Pattern DAY_MONTH = Pattern.compile("\\b(?:the\\s+)?" + DAY + "\\s+(?:of\\s+)?" + MONTH + "\\b");
    private static final Pattern MONTH_DAY = Pattern.compile("\\b" + MONTH + "\\s+" + DAY + "\\b(?!\\s*(?:years?|days?|weeks?|months?))");
    private static final Pattern IN_MONTH = Pattern.compile("\\b(?:in|during|since|throughout|early|late|mid)[\\s-]+(?:early\\s+|late\\s+|mid[\\s-]+)?"
            + MONTH + "\\b");
    /** "in 2022", but not "in 2000 words": a count of something is not a year. */
    private static final Pattern IN_YEAR = Pattern.compile("\\b(?:in|during|since|throughout)\\s+" + YEAR
            + "\\b(?!\\s+(?:words|people|users|items|lines|rows|times|members|records|files|tokens|characters|bytes|steps|pages|dollars|euros))");
    private static final Pattern AGO = Pattern.compile("\\b" + NUMBER + "\\s+" + UNIT + "\\s+ago\\b");
    private static final Pattern PAST = Pattern.compile("\\b(?:past|last|previous)\\s+" + NUMBER + "\\s+" + UNIT + "\\b");
    private static final Pattern LAST_UNIT = Pattern.compile("\\b(last|this|previous|past)\\s+(week|weekend|month|year)\\b");
    private static final Pattern LAST_WEEKDAY = Pattern.compile("\\b(?:last|this past|on)\\s+" + WEEKDAY + "\\b");
    private static final Pattern YESTERDAY = Pattern.compile("\\b(yesterday|last night)\\b");
    private static final Pattern TODAY = Pattern.compile("\\b(today|tonight|this morning|this afternoon|this evening)\\b");
    private static final Pattern RECENTLY = Pattern.compile("\\b(recently|lately|the other day|these days)\\b");

    private static final Map<String, Integer> WORDS = Map.ofEntries(Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1),
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("a couple of", 2), Map.entry("a few", 3), Map.entry("few", 3), Map.entry("several", 3));

    /** How far back "recently" reaches. */
    static final int RECENT_DAYS = 30;

    private QueryTimeResolver() {
    }

    /**
     * The first time expression of the query, resolved against {@code reference}, a day where {@code offset} is the
     * asker's offset from UTC: "yesterday" is the asker's yesterday, from their midnight to their next midnight.
     */
    public static Optional<TimeWindow> resolve(String query, LocalDate reference, ZoneOffset offset) {
        return resolve(query, reference).map(w -> new TimeWindow(w.from().minusSeconds(offset.getTotalSeconds()),
                w.to().minusSeconds(offset.getTotalSeconds()), w.expression()));
    }

    /** The first time expression of the query, most specific kinds first, resolved against {@code reference} (UTC days). */
    public static Optional<TimeWindow> resolve(String query, LocalDate reference) {
        String text = query.toLowerCase(Locale.ROOT);
        Matcher m;
        if ((m = ISO_DAY.matcher(text)).find()) {
            return day(date(m.group(1), Integer.parseInt(m.group(2)), m.group(3)), m.group());
        }
        if ((m = DAY_MONTH_YEAR.matcher(text)).find()) {
            return day(date(m.group(3), month(m.group(2)), m.group(1)), m.group());
        }
        if ((m = MONTH_DAY_YEAR.matcher(text)).find()) {
            return day(date(m.group(3), month(m.group(1)), m.group(2)), m.group());
        }
        if ((m = ISO_MONTH.matcher(text)).find()) {
            int month = Integer.parseInt(m.group(2));
            if (month >= 1 && month <= 12) {
                return span(LocalDate.of(Integer.parseInt(m.group(1)), month, 1), ChronoUnit.MONTHS, 1, m.group());
            }
        }
        if ((m = MONTH_YEAR.matcher(text)).find()) {
            return span(LocalDate.of(Integer.parseInt(m.group(2)), month(m.group(1)), 1), ChronoUnit.MONTHS, 1, m.group());
        }
        if ((m = AGO.matcher(text)).find() && number(m.group(1)) > 0) {
            return ago(reference, number(m.group(1)), unit(m.group(2)), m.group());
        }
        if ((m = PAST.matcher(text)).find() && number(m.group(1)) > 0) {
            int n = number(m.group(1));
            LocalDate to = reference.plusDays(1);
            return window(to.minus(n, unit(m.group(2))), to, m.group());
        }
        if ((m = YESTERDAY.matcher(text)).find()) {
            return day(reference.minusDays(1), m.group());
        }
        if ((m = TODAY.matcher(text)).find()) {
            return day(reference, m.group());
        }
        if ((m = LAST_WEEKDAY.matcher(text)).find()) {
            DayOfWeek weekday = DayOfWeek.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            return day(reference.with(TemporalAdjusters.previous(weekday)), m.group());
        }
        if ((m = LAST_UNIT.matcher(text)).find()) {
            return lastOrThis(reference, m.group(1), m.group(2), m.group());
        }
        if ((m = DAY_MONTH.matcher(text)).find() && validDay(m.group(1)) && !m.group(2).equals("may")) {
            return day(latest(reference, month(m.group(2)), Integer.parseInt(m.group(1))), m.group());
        }
        if ((m = MONTH_DAY.matcher(text)).find() && validDay(m.group(2)) && !m.group(1).equals("may")) {
            return day(latest(reference, month(m.group(1)), Integer.parseInt(m.group(2))), m.group());
        }
        if ((m = IN_MONTH.matcher(text)).find()) {
            Month month = Month.of(month(m.group(1)));
            LocalDate first = reference.withDayOfMonth(1).withMonth(month.getValue());
            if (first.isAfter(reference)) {
                first = first.minusYears(1);
            }
            return span(first, ChronoUnit.MONTHS, 1, m.group());
        }
        if ((m = IN_YEAR.matcher(text)).find()) {
            return span(LocalDate.of(Integer.parseInt(m.group(1)), 1, 1), ChronoUnit.YEARS, 1, m.group());
        }
        if ((m = RECENTLY.matcher(text)).find()) {
            return window(reference.minusDays(RECENT_DAYS), reference.plusDays(1), m.group());
        }
        return Optional.empty();
    }

    private static Optional<TimeWindow> lastOrThis(LocalDate reference, String which, String unit, String expression) {
        boolean last = !which.equals("this");
        return switch (unit) {
            case "week" -> {
                LocalDate monday = reference.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield span(last ? monday.minusWeeks(1) : monday, ChronoUnit.WEEKS, 1, expression);
            }
            case "weekend" -> {
                // The weekend the reference is in (or just after) is "this"; "last" is the one before that.
                LocalDate saturday = reference.with(TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY));
                LocalDate start = last && ChronoUnit.DAYS.between(saturday, reference) < 2 ? saturday.minusWeeks(1) : saturday;
                yield window(start, start.plusDays(2), expression);
            }
            case "month" -> span(reference.withDayOfMonth(1).minusMonths(last ? 1 : 0), ChronoUnit.MONTHS, 1, expression);
            default -> span(reference.withDayOfYear(1).minusYears(last ? 1 : 0), ChronoUnit.YEARS, 1, expression);
        };
    }

    /** "N units ago": the unit that was N back, e.g. the whole week three weeks before, or the day. */
    private static Optional<TimeWindow> ago(LocalDate reference, int n, ChronoUnit unit, String expression) {
        LocalDate then = reference.minus(n, unit);
        return switch (unit) {
            case DAYS -> day(then, expression);
            case WEEKS -> window(then.minusDays(3), then.plusDays(4), expression);
            case MONTHS -> window(then.minusDays(15), then.plusDays(16), expression);
            default -> span(then.withDayOfYear(1), ChronoUnit.YEARS, 1, expression);
        };
    }

    /** The latest {@code month}/{@code day} not after the reference. */
    private static LocalDate latest(LocalDate reference, int month, int day) {
        LocalDate candidate = safeDate(reference.getYear(), month, day);
        return candidate.isAfter(reference) ? safeDate(reference.getYear() - 1, month, day) : candidate;
    }

    private static LocalDate safeDate(int year, int month, int day) {
        LocalDate first = LocalDate.of(year, month, 1);
        return first.withDayOfMonth(Math.min(day, first.lengthOfMonth()));
    }

    private static boolean validDay(String day) {
        int d = Integer.parseInt(day);
        return d >= 1 && d <= 31;
    }

    /** That day, or null for one that does not exist (month 13, 30 February). */
    private static LocalDate date(String year, int month, String day) {
        int d = Integer.parseInt(day);
        if (month < 1 || month > 12 || d < 1 || d > LocalDate.of(Integer.parseInt(year), month, 1).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(Integer.parseInt(year), month, d);
    }

    private static Optional<TimeWindow> day(LocalDate day, String expression) {
        return day == null ? Optional.empty() : window(day, day.plusDays(1), expression);
    }

    private static Optional<TimeWindow> span(LocalDate from, ChronoUnit unit, int n, String expression) {
        return window(from, from.plus(n, unit), expression);
    }

    private static Optional<TimeWindow> window(LocalDate from, LocalDate to, String expression) {
        return Optional.of(new TimeWindow(from.atStartOfDay().toInstant(ZoneOffset.UTC), to.atStartOfDay().toInstant(ZoneOffset.UTC),
                expression.strip()));
    }

    private static int month(String name) {
        for (Month month : Month.values()) {
            String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (full.equals(name) || full.startsWith(name) && name.length() >= 3) {
                return month.getValue();
            }
        }
        throw new IllegalArgumentException("not a month: " + name);
    }

    private static int number(String word) {
        Integer n = WORDS.get(word);
        return n != null ? n : Integer.parseInt(word);
    }

    private static ChronoUnit unit(String unit) {
        return switch (unit) {
            case "day" -> ChronoUnit.DAYS;
            case "week" -> ChronoUnit.WEEKS;
            case "month" -> ChronoUnit.MONTHS;
            default -> ChronoUnit.YEARS;
        };
    }
}
