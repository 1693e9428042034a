namespace Providers.SentenceTransformers.Onnx.Tests;

/// <summary>
/// A few hundred varied texts, deterministic: written ones (questions, numbers, code, mixed case, non-Latin
/// scripts, emoji, empty-ish) and generated ones of every length up to ~220 tokens with the punctuation BERT splits off.
/// </summary>
/// <remarks>
/// The SentenceTransformers package's tokenizer departs from BERT's on some inputs (accents kept, only ASCII and
/// a few dashes split off as punctuation, a lone '\n' or '\t' not taken as a space, CJK not split per character,
/// words over 50 characters dropped, truncation at 512 tokens); those inputs are tested separately against BERT's
/// rules, and kept out of this set so that the comparison is of the vectors, not of the tokenizers.
/// </remarks>
internal static class VariedSentences
{
    private static readonly string[] Written =
    [
        "A man is eating food.",
        "A man is eating a piece of bread.",
        "The girl is carrying a baby.",
        "A man is riding a horse.",
        "A woman is playing violin.",
        "Two men pushed carts through the woods.",
        "A man is riding a white horse on an enclosed ground.",
        "A monkey is playing drums.",
        "Someone in a gorilla costume is playing a set of drums.",
        "Where did Gutenberg build his printing press?",
        "How do honeybees tell each other where flowers are?",
        "What is the boiling point of water at sea level, in degrees Celsius?",
        "The quick brown fox jumps over the lazy dog.",
        "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG!",
        "tHe QuIcK bRoWn FoX",
        "It's 3.14159 (roughly) -- or 22/7, if you're in a hurry.",
        "Call +1 (555) 010-9999 before 5:30pm; ask for Dr. O'Neil.",
        "E-mail me at someone@example.com or visit https://example.com/path?q=1&r=2#top",
        "for (int i = 0; i < n; i++) { sum += a[i] * b[i]; }",
        "SELECT name, COUNT(*) FROM users WHERE age >= 18 GROUP BY name;",
        "$100 + 20% = $120 ~ approximately | roughly ^ exactly",
        "Mount Etna is the tallest active volcano in Europe – and one of the most active in the world.",
        "\"Quoted,\" she said, 'and re-quoted.'",
        "[brackets] {braces} <angles> `backticks` _underscores_",
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20",
        "1999-12-31T23:59:59Z",
        "Москва — столица России.",
        "I love it 🙂 so much 🎉",
        "🙂",
        "!!!",
        "?",
        ".",
        "a",
        "A",
        "",
        " ",
        "     ",
        "   padded   with   spaces   ",
        "line one\r\nline two\r\nline three",
        "Photosynthesis converts light energy into chemical energy stored in glucose.",
        "Late interaction keeps one vector per token and scores by MaxSim.",
        "The Fresnel lens let lighthouses be seen from more than twenty miles away.",
        "Why is the sky blue?",
        "Is it true that... well, maybe; who knows?!",
        "unbelievably unforgettable antidisestablishmentarianism supercalifragilisticexpialidocious",
        "COVID-19 vaccines, mRNA-1273 and BNT162b2, were authorised in 2020.",
        "x = y * (z + 1) / 2 - 3",
        "C# and F# run on .NET; C++ does not.",
        "hello,world;no:spaces.between!words?",
    ];

    private static readonly string[] Words =
    [
        "the", "a", "river", "flows", "quickly", "through", "ancient", "valleys", "where", "farmers", "grow", "rice",
        "and", "tea", "under", "misty", "mountains", "scientists", "measured", "temperature", "pressure", "volcano",
        "lava", "erupted", "in", "1669", "destroying", "villages", "bees", "dance", "to", "share", "directions",
        "printing", "press", "movable", "type", "books", "became", "cheaper", "lighthouse", "lens", "prisms", "light",
        "embedding", "vectors", "tokens", "retrieval", "query", "document", "Paris", "Berlin", "NASA", "DNA", "42",
        "3.5", "kilometres", "is", "was", "will", "be", "not", "very", "often", "never", "extraordinary",
        "photosynthesis", "chlorophyll", "glucose", "oxygen", "carbon", "dioxide", "Renaissance", "Gutenberg", "Mainz",
    ];

    private static readonly string[] Punctuation = [".", ",", ";", ":", "!", "?", "(", ")", "-", "\"", "'", "/", "%", "&", "–"];

    public static IReadOnlyList<string> All { get; } = Build();

    private static string[] Build()
    {
        var random = new Random(20240925);
        var texts = new List<string>(Written);
        while (texts.Count < 300)
        {
            // Lengths spread from a few words to ~200, so that batches mix short and long texts.
            int words = texts.Count % 25 == 0 ? random.Next(100, 180) : random.Next(1, 30);
            var sentence = new System.Text.StringBuilder();
            for (int w = 0; w < words; w++)
            {
                string word = Words[random.Next(Words.Length)];
                sentence.Append(random.Next(8) == 0 ? word.ToUpperInvariant() : word);
                if (random.Next(6) == 0)
                {
                    sentence.Append(Punctuation[random.Next(Punctuation.Length)]);
                }

                sentence.Append(random.Next(12) == 0 ? "  " : " ");
            }

            texts.Add(sentence.ToString().TrimEnd() + (random.Next(3) == 0 ? "?" : "."));
        }

        return [.. texts];
    }
}
