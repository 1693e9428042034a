// SciBox's model list: what the service serves right now (seed: scibox-llm-service.ru.md, section 1).
//
//   SCIBOX_URL      SciBox's base URL, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//
//   dotnet run samples/notebooks/scibox-models.cs
#:project ../../src/Providers.SciBox/Providers.SciBox.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The in-process emulator serializes JSON by reflection: no native AOT, a file-based app's default.
#:property PublishAot=false

using Providers.Samples;
using Providers.SciBox;

await using var services = new SampleServices(Console.Out);
var scibox = await services.SciBoxAsync();
using var catalog = new SciBoxModelCatalog(new SciBoxOptions { Endpoint = scibox.Endpoint, ApiKey = scibox.ApiKey });

foreach (var model in await catalog.ListModelsAsync())
{
    Console.WriteLine($"{model.Id,-32} owned by {model.OwnedBy}");
}
