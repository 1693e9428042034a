using System.Text.RegularExpressions;

namespace Providers.Emulator.Models;

/// <summary>Cuts text into the word-sized pieces a streamed answer arrives in ("Paris", " is", " big.").</summary>
internal static partial class ChatTokens
{
    public static List<string> Split(string text) => [.. Piece().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\s*\S+")]
    private static partial Regex Piece();
}
