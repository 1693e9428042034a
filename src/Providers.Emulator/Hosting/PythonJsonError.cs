using System.Text.Json;

namespace Providers.Emulator.Hosting;

/// <summary>
/// What Python's <c>json.loads</c> would say about a body System.Text.Json refused: its message for the same kind of
/// mistake (<c>Expecting value</c>, <c>Extra data</c>, ..) and the character position. The mapping covers the common
/// mistakes; the position is where System.Text.Json stopped, moved back to the start of a bad literal as Python
/// reports it.
/// </summary>
internal static class PythonJsonError
{
    public static (string Message, int Position) Describe(JsonException error, string text)
    {
        var position = Position(text, error.LineNumber ?? 0, error.BytePositionInLine ?? 0);
        var message = error.Message;
        if (message.Contains("after a single JSON value", StringComparison.Ordinal))
        {
            return ("Extra data", position);
        }

        if (message.Contains("Expected a ':'", StringComparison.Ordinal))
        {
            return ("Expecting ':' delimiter", position);
        }

        if (message.Contains("start of a property name", StringComparison.Ordinal))
        {
            return ("Expecting property name enclosed in double quotes", position);
        }

        if (message.Contains("Expected either ','", StringComparison.Ordinal) || message.Contains("Expected depth to be zero", StringComparison.Ordinal))
        {
            return ("Expecting ',' delimiter", position);
        }

        while (position > 0 && position <= text.Length && char.IsAsciiLetter(text[position - 1]))
        {
            position--;
        }

        return ("Expecting value", position);
    }

    private static int Position(string text, long line, long column)
    {
        var start = 0;
        for (var i = 0; i < line && start < text.Length; i++)
        {
            var next = text.IndexOf('\n', start);
            start = next < 0 ? text.Length : next + 1;
        }

        return (int)Math.Min(text.Length, start + column);
    }
}
