namespace Providers.Samples.Tests;

public sealed class SentenceTransformersNotebookTests
{
    [Fact]
    public async Task Sentence_transformers_reproduces_the_documented_similarities_and_scores_tokens_by_maxsim()
    {
        string output = await Notebooks.RunAsync("sentence-transformers");

        Assert.Contains("sentence-transformers/all-MiniLM-L6-v2: 384 dimensions, Mean pooling, at most 256 tokens", output);
        Assert.Contains("food vs bread: 0.7553", output);
        Assert.Contains("food vs horse: 0.2474", output);
        Assert.Matches(@"MaxSim over \d+ query tokens and \d+ passage tokens: \d+\.\d\d", output);
    }
}
