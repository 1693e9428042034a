using Microsoft.Extensions.AI;

namespace Providers.ColQwen.Onnx.Tests;

[Collection(TinyModelCollection.Name)]
public class ConcurrencyTests(TinyModelFixture model)
{
    [Fact]
    public async Task Gives_the_same_results_to_concurrent_callers_as_to_one()
    {
        var page = new DataContent(Fixtures.Image("page-56x84.png"), "image/png");
        var firstPage = (await model.Pages.GenerateAsync([page]))[0].Vectors.ToArray();
        var firstQuery = (await model.Queries.GenerateAsync(["red box"]))[0].Vectors.ToArray();

        var calls = Enumerable.Range(0, 8).Select(async i => i % 2 == 0
            ? (await model.Pages.GenerateAsync([page]))[0].Vectors.ToArray()
            : (await model.Queries.GenerateAsync(["red box"]))[0].Vectors.ToArray());
        var results = await Task.WhenAll(calls);

        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? firstPage : firstQuery, results[i]);
        }
    }
}
