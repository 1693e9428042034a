using System.Text.RegularExpressions;

namespace Providers.Samples.Rag;

/// <summary>How an evaluation answer came out.</summary>
internal enum AnswerVerdict
{
    /// <summary>It quotes the sentence that answers the question.</summary>
    Right,

    /// <summary>It cites no source: the model said it could not find the answer.</summary>
    NotFound,

    /// <summary>It cites a source, but not with the sentence that answers the question.</summary>
    Wrong,
}

/// <summary>Judges an evaluation answer against a phrase of the sentence that answers its question.</summary>
internal static partial class AnswerVerdicts
{
    public static AnswerVerdict Judge(string answer, string expectedPhrase) =>
        answer.Contains(expectedPhrase, StringComparison.OrdinalIgnoreCase) ? AnswerVerdict.Right
        : Citation().IsMatch(answer) ? AnswerVerdict.Wrong
        : AnswerVerdict.NotFound;

    public static string Label(AnswerVerdict verdict) => verdict switch
    {
        AnswerVerdict.Right => "right",
        AnswerVerdict.NotFound => "not found",
        _ => "WRONG",
    };

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Citation();
}
