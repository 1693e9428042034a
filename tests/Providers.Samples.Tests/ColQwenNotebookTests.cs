namespace Providers.Samples.Tests;

public sealed class ColQwenNotebookTests
{
    [Fact]
    public async Task Colqwen_reports_health_patch_counts_and_maxsim_scores()
    {
        string output = await Notebooks.RunAsync("colqwen");

        Assert.Contains("health: healthy on cuda:0; 128 dimensions", output);
        Assert.Contains("a 1024x768 image makes 32x24 = 768 patches", output);
        Assert.Contains("a 512x512 image makes 18x18 = 324 patches", output);
        Assert.Matches(@"sunset\.png\s+\d+ vectors; image tokens 4\.\.\d+ cover \d+x\d+ patches", output);
        Assert.Matches(@"""a photo of a sunset"" \(\d+ vectors\) MaxSim: sunset\.png -?\d+\.\d\d, inclined-plane\.jpg -?\d+\.\d\d", output);
        Assert.Contains("(The emulator's vectors come from no model", output);
    }

    [Fact]
    public async Task Local_colqwen_embeds_pages_and_queries_in_process_with_the_test_model()
    {
        string output = await Notebooks.RunAsync("local-colqwen");

        Assert.Contains("model: tiny-random-colqwen2.5 from ", output);
        Assert.Matches(@"sunset\.png\s+\d+ vectors of 128; 11x9 patches", output);
        Assert.Matches(@"inclined-plane\.jpg\s+\d+ vectors of 128; 17x11 patches", output);
        Assert.Matches(@"""forces on a block on an inclined plane"" \(\d+ vectors\) MaxSim: sunset\.png -?\d+\.\d\d, inclined-plane\.jpg -?\d+\.\d\d", output);
    }
}
