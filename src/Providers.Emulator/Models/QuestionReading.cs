using System.Text.RegularExpressions;

namespace Providers.Emulator.Models;

/// <summary>The kind of answer a question asks for, as extractive question answering matches it.</summary>
internal enum AnswerKind
{
    /// <summary>Nothing in particular.</summary>
    Any,

    /// <summary>A quantity: "how far", "how many"...</summary>
    Quantity,

    /// <summary>Someone: "who", "whom", "whose" leading the question.</summary>
    Name,
}

/// <summary>
/// What a question asks, read as an extractive question-answering system reads it: its content words (by stem), the
/// names it is about (its topic), the thing a "what is the X of Y" question asks for (its focus), and the kind of
/// answer it expects.
/// </summary>
internal sealed partial class QuestionReading
{
    private QuestionReading(HashSet<string> words, HashSet<string> topic, HashSet<string> focus, AnswerKind kind, bool whQuestion)
    {
        Words = words;
        Stems = [.. words.Select(InflectionStemmer.Stem)];
        Topic = topic;
        Focus = focus;
        Kind = kind;
        AsksBeyondTopic = whQuestion && !topic.IsSupersetOf(Stems);
    }

    /// <summary>Gets the question's content words, lower-cased, as it writes them.</summary>
    public HashSet<string> Words { get; }

    /// <summary>Gets the stems of the question's content words.</summary>
    public HashSet<string> Stems { get; }

    /// <summary>Gets the stems of the names the question is about: its capitalised content words but the first.</summary>
    public HashSet<string> Topic { get; }

    /// <summary>Gets the stems of what a "what is the X of Y" question asks for (X); empty for other questions.</summary>
    public HashSet<string> Focus { get; }

    /// <summary>Gets the kind of answer the question expects.</summary>
    public AnswerKind Kind { get; }

    /// <summary>
    /// Gets a value indicating whether the question asks for something about its topic: it starts with a question
    /// word ("where", "how"...) and has content words besides the topic's. A request such as "Summarise War and
    /// Peace in one sentence" asks for the topic itself.
    /// </summary>
    public bool AsksBeyondTopic { get; }

    /// <summary>Reads <paramref name="question"/>.</summary>
    public static QuestionReading Of(string question)
    {
        var topic = TextTokens.CasedWords(question).Skip(1)
            .Where(w => char.IsUpper(w[0]) && !ContentWords.IsStopWord(w.ToLowerInvariant()))
            .Select(w => InflectionStemmer.Stem(w.ToLowerInvariant()));
        var focus = FocusQuestion().Match(question) is { Success: true } match ? ContentWords.StemsOf(match.Groups["focus"].Value) : [];
        var kind = QuantityQuestion().IsMatch(question) ? AnswerKind.Quantity
            : NameQuestion().IsMatch(question) ? AnswerKind.Name
            : AnswerKind.Any;
        return new QuestionReading([.. ContentWords.Of(question)], [.. topic], focus, kind, WhQuestion().IsMatch(question));
    }

    /// <summary>Whether <paramref name="sentence"/> gives the kind of answer the question expects.</summary>
    public bool IsAnsweredInKindBy(string sentence) => Kind switch
    {
        AnswerKind.Quantity => StatesQuantity(sentence),
        AnswerKind.Name => NamesSomethingNew(sentence),
        _ => true,
    };

    // A number word, or a number that is neither a citation tag such as "[2]" nor a year: a four-digit number from
    // 1000 to 2099 written without a thousands separator ("in 1822", against "3,300 metres") is a date.
    private static bool StatesQuantity(string sentence) =>
        NumberWord().IsMatch(sentence) || Number().Matches(Citation().Replace(sentence, " ")).Any(n => !Year().IsMatch(n.Value));

    // A name the question does not have: a capitalised word that is not the sentence's first ("[1] Ada Lovelace
    // wrote..." names Lovelace; a sentence's first word is capitalised whatever it is).
    private bool NamesSomethingNew(string sentence) =>
        TextTokens.CasedWords(sentence).SkipWhile(w => !char.IsLetter(w[0])).Skip(1)
            .Any(w => char.IsUpper(w[0]) && !ContentWords.IsStopWord(w.ToLowerInvariant()) && !Stems.Contains(InflectionStemmer.Stem(w.ToLowerInvariant())));

    [GeneratedRegex(@"\bhow\s+(far|high|long|many|much|old|tall|deep|big|large|heavy|fast|wide|often)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuantityQuestion();

    [GeneratedRegex(@"^\W*(what|which|where|when|why|how|who|whom|whose)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhQuestion();

    [GeneratedRegex(@"^\W*(who|whom|whose)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NameQuestion();

    [GeneratedRegex(@"^\W*(what|which)\s+(is|are|was|were)\s+the\s+(?<focus>[^?,.]+?)\s+of\b", RegexOptions.IgnoreCase)]
    private static partial Regex FocusQuestion();

    [GeneratedRegex(@"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|quarter)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberWord();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Number();

    [GeneratedRegex(@"^(1\d|20)\d\d$")]
    private static partial Regex Year();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Citation();
}
