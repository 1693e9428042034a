using System.Web;
using Microsoft.Extensions.Time.Testing;
using static Providers.Spirit.Tests.Webhooks.WebhookCalls;

namespace Providers.Spirit.Tests.Webhooks;

public sealed class SpiritWebhookRegistryTests
{
    [Fact]
    public async Task A_delivery_completes_every_waiter_of_its_job()
    {
        var registry = new SpiritWebhookRegistry();
        var first = registry.WaitAsync("job", CancellationToken.None);
        var second = registry.WaitAsync("job", CancellationToken.None);

        bool accepted = await DeliverAsync(registry, Delivery("job"));

        Assert.True(accepted);
        Assert.Same(await first, await second);
        Assert.Equal(0, registry.UnclaimedCount);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_nothing_behind_so_a_later_delivery_is_kept()
    {
        var registry = new SpiritWebhookRegistry();
        using var cancellation = new CancellationTokenSource();
        var waiting = registry.WaitAsync("job", cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        await DeliverAsync(registry, Delivery("job"));

        Assert.Equal(1, registry.UnclaimedCount);
    }

    [Fact]
    public async Task Deliveries_over_the_memory_budget_drop_the_oldest_first()
    {
        var registry = new SpiritWebhookRegistry(unclaimedBudgetBytes: 1600);

        foreach (string id in new[] { "a", "b", "c" })
        {
            await DeliverAsync(registry, Delivery(id, bodyBytes: 500));
        }

        Assert.Equal(2, registry.UnclaimedCount);
        Assert.Equal("c", (await registry.WaitAsync("c", CancellationToken.None)).RequestId);
        Assert.Equal("b", (await registry.WaitAsync("b", CancellationToken.None)).RequestId);
        Assert.Equal(0, registry.UnclaimedCount);
    }

    [Fact]
    public void An_issued_url_keeps_the_webhooks_query_and_adds_nonce_expiry_and_signature_after_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_000_000));
        var registry = new SpiritWebhookRegistry(maxRunTime: TimeSpan.FromMinutes(30), timeProvider: clock);

        using var ticket = registry.Issue(new Uri("https://app.example/spirit/webhook?tenant=a"), TimeSpan.FromMinutes(10));

        Assert.StartsWith("https://app.example/spirit/webhook?tenant=a&spirit_nonce=", ticket.Url.AbsoluteUri, StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(ticket.Url.Query);
        Assert.Equal((1_000_000 + (40 * 60)).ToString(System.Globalization.CultureInfo.InvariantCulture), query[SpiritWebhookRegistry.ExpiresParameter]);
        Assert.False(string.IsNullOrEmpty(query[SpiritWebhookRegistry.SignatureParameter]));
    }

    [Fact]
    public void Every_issued_url_has_its_own_nonce()
    {
        var registry = new SpiritWebhookRegistry();

        using var first = registry.Issue(AppWebhook);
        using var second = registry.Issue(AppWebhook);

        Assert.NotEqual(
            HttpUtility.ParseQueryString(first.Url.Query)[SpiritWebhookRegistry.NonceParameter],
            HttpUtility.ParseQueryString(second.Url.Query)[SpiritWebhookRegistry.NonceParameter]);
        Assert.Equal(2, registry.WaitingCount);
    }

    [Fact]
    public void A_url_whose_signature_was_altered_is_not_claimed()
    {
        var registry = new SpiritWebhookRegistry();
        using var ticket = registry.Issue(AppWebhook);
        var query = HttpUtility.ParseQueryString(ticket.Url.Query);

        var claim = registry.TryClaim(query[SpiritWebhookRegistry.NonceParameter], query[SpiritWebhookRegistry.ExpiresParameter], "A" + query[SpiritWebhookRegistry.SignatureParameter]![1..]);

        Assert.Null(claim);
    }

    [Fact]
    public void A_url_whose_expiry_was_pushed_back_is_not_claimed()
    {
        var registry = new SpiritWebhookRegistry();
        using var ticket = registry.Issue(AppWebhook);
        var query = HttpUtility.ParseQueryString(ticket.Url.Query);

        var claim = registry.TryClaim(query[SpiritWebhookRegistry.NonceParameter], "99999999999", query[SpiritWebhookRegistry.SignatureParameter]);

        Assert.Null(claim);
    }

    [Fact]
    public void A_withdrawn_ticket_is_never_claimed()
    {
        var registry = new SpiritWebhookRegistry();
        var ticket = registry.Issue(AppWebhook);

        ticket.Dispose();

        Assert.Null(Claim(registry, ticket.Url));
        Assert.Equal(0, registry.WaitingCount);
    }

    [Fact]
    public void A_ticket_is_claimed_by_one_call_at_a_time()
    {
        var registry = new SpiritWebhookRegistry();
        using var ticket = registry.Issue(AppWebhook);
        ticket.Bind("job");

        using var first = Claim(registry, ticket.Url);
        var second = Claim(registry, ticket.Url);

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task A_claim_that_delivered_nothing_lets_the_nonce_wait_again()
    {
        var registry = new SpiritWebhookRegistry();
        using var ticket = registry.Issue(AppWebhook);
        ticket.Bind("job");

        using (var broken = Claim(registry, ticket.Url))
        {
            Assert.NotNull(broken);
        }

        using var retried = Claim(registry, ticket.Url);
        Assert.NotNull(retried);
        Assert.True(await retried.DeliverAsync(Delivery("job"), CancellationToken.None));
        Assert.Equal(0, registry.WaitingCount);
    }

    [Fact]
    public async Task A_delivery_that_names_another_job_is_refused_and_the_ticket_still_waits_for_its_own()
    {
        var registry = new SpiritWebhookRegistry();
        using var ticket = registry.Issue(AppWebhook);
        ticket.Bind("job-a");
        var waitingB = registry.WaitAsync("job-b", CancellationToken.None);

        using (var forged = Claim(registry, ticket.Url))
        {
            Assert.False(await forged!.DeliverAsync(Delivery("job-b"), CancellationToken.None));
        }

        Assert.False(waitingB.IsCompleted);
        using var own = Claim(registry, ticket.Url);
        Assert.True(await own!.DeliverAsync(Delivery("job-a"), CancellationToken.None));
    }

    [Fact]
    public async Task A_call_that_comes_before_the_binding_waits_for_it()
    {
        var registry = new SpiritWebhookRegistry();
        using var ticket = registry.Issue(AppWebhook);
        using var claim = Claim(registry, ticket.Url);

        var delivering = claim!.DeliverAsync(Delivery("job"), CancellationToken.None);
        Assert.False(delivering.IsCompleted);
        ticket.Bind("job");

        Assert.True(await delivering);
        Assert.Equal("job", (await registry.WaitAsync("job", CancellationToken.None)).RequestId);
    }

    [Fact]
    public async Task A_call_that_waits_for_a_binding_is_refused_when_the_submission_fails()
    {
        var registry = new SpiritWebhookRegistry();
        var ticket = registry.Issue(AppWebhook);
        using var claim = Claim(registry, ticket.Url);

        var delivering = claim!.DeliverAsync(Delivery("job"), CancellationToken.None);
        ticket.Dispose();

        Assert.False(await delivering);
        Assert.Equal(0, registry.UnclaimedCount);
    }

    [Fact]
    public void A_url_past_its_expiry_is_not_claimed_and_is_forgotten()
    {
        var clock = new FakeTimeProvider();
        var registry = new SpiritWebhookRegistry(maxRunTime: TimeSpan.FromMinutes(5), timeProvider: clock);
        using var ticket = registry.Issue(AppWebhook, TimeSpan.FromMinutes(1));
        ticket.Bind("job");

        clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Null(Claim(registry, ticket.Url));
        using var later = registry.Issue(AppWebhook);
        Assert.Equal(1, registry.WaitingCount);
    }

    [Fact]
    public void A_ticket_bound_to_one_job_cannot_be_bound_to_another()
    {
        var registry = new SpiritWebhookRegistry();
        using var ticket = registry.Issue(AppWebhook);
        ticket.Bind("job-a");

        ticket.Bind("job-a");
        Assert.Throws<InvalidOperationException>(() => ticket.Bind("job-b"));
    }

    [Fact]
    public void Binding_a_withdrawn_ticket_leaves_it_dead()
    {
        var registry = new SpiritWebhookRegistry();
        var ticket = registry.Issue(AppWebhook);
        ticket.Dispose();

        ticket.Bind("job");

        Assert.Null(Claim(registry, ticket.Url));
    }
}
