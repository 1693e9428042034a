using System.Numerics.Tensors;
using Microsoft.ML.Tokenizers;
using Providers.Core;

namespace Providers.Samples.Rag;

/// <summary>
/// Where the question's MaxSim score comes from, word by word: each query token's best-matching passage token is
/// found (as MaxSim finds it), and its cosine is credited to the word that token belongs to.
/// </summary>
/// <param name="WordScores">Per drawn word: the summed cosines of the query tokens whose best match lies in it (0 when none).</param>
/// <param name="TokenMatches">Per query token: its text, the word it matched, and the cosine.</param>
internal sealed record WordMatches(float[] WordScores, IReadOnlyList<(string Token, string Word, float Cosine)> TokenMatches)
{
    /// <summary>Lines the passage's token vectors up with the drawn words and credits each query token's best match.</summary>
    /// <remarks>
    /// BERT splits text at spaces before anything else, so the passage's tokens are its words' tokens one after the
    /// other: tokenizing each drawn word alone says which vectors are whose.
    /// </remarks>
    public static WordMatches Compute(QueryTokens query, MultiVectorEmbedding passage, IReadOnlyList<WordBox> words, Tokenizer tokenizer)
    {
        var owner = new List<int>(passage.TokenCount);
        for (int w = 0; w < words.Count && owner.Count < passage.TokenCount; w++)
        {
            owner.AddRange(Enumerable.Repeat(w, tokenizer.EncodeToIds(words[w].Word).Count));
        }

        var scores = new float[words.Count];
        var matches = new List<(string, string, float)>(query.Embedding.TokenCount);
        for (int q = 0; q < query.Embedding.TokenCount; q++)
        {
            var (best, cosine) = (-1, float.MinValue);
            for (int d = 0; d < Math.Min(owner.Count, passage.TokenCount); d++)
            {
                float similarity = TensorPrimitives.Dot(query.Embedding.GetVector(q), passage.GetVector(d));
                if (similarity > cosine)
                {
                    (best, cosine) = (d, similarity);
                }
            }

            if (best >= 0)
            {
                scores[owner[best]] += cosine;
                matches.Add((query.Tokens[q], words[owner[best]].Word, cosine));
            }
        }

        return new WordMatches(scores, matches);
    }
}
