using System.Globalization;
using Providers.Samples.Notebooks;

namespace Providers.Samples.Tests;

/// <summary>Runs a notebook in-process against the emulator, with every service variable unset.</summary>
internal static class NotebookRun
{
    public static async Task<string> RunAsync(string name)
    {
        // The assertions read numbers as "0.123"; this flows only into the notebook this call runs.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        using var output = new StringWriter();
        int exitCode = await NotebookRunner.RunAsync([name], output, environment: _ => null);
        Assert.True(exitCode == 0, $"The notebook exited with {exitCode}:\n{output}");
        return output.ToString();
    }
}
