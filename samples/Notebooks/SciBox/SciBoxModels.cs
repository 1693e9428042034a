// SciBox's model list: what the service serves right now (seed: scibox-llm-service.ru.md, section 1).
//
//   SCIBOX_URL      SciBox's base URL, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//
//   dotnet run --project samples/Notebooks -- scibox-models

using Providers.SciBox;

namespace Providers.Samples.Notebooks.SciBox;

internal static class SciBoxModels
{
    public static async Task RunAsync(SampleServices services, TextWriter output, CancellationToken cancellationToken)
    {
        var scibox = await services.SciBoxAsync(cancellationToken);
        using var catalog = new SciBoxModelCatalog(new SciBoxOptions { Endpoint = scibox.Endpoint, ApiKey = scibox.ApiKey });

        foreach (var model in await catalog.ListModelsAsync(cancellationToken))
        {
            output.WriteLine($"{model.Id,-32} owned by {model.OwnedBy}");
        }
    }
}
