using System.Collections.Concurrent;
using Platform.Inference.Domain;
using Platform.Inference.Serving;

namespace Platform.Inference.Tests;

public sealed class ModelHostTests
{
    private static readonly DeploymentKey Deployment = new(Guid.NewGuid(), "credit-risk");
    private static readonly FeatureBatch OneInstance = new(1, [new NumericColumn("age", [42f])]);

    private static LoadedModel Loaded(int revision, FakeScoringModel model) => new(Deployment, Guid.NewGuid(), revision, model);

    [Fact]
    public void Nothing_is_served_before_a_model_is_activated()
    {
        using var host = new ModelHost();
        Assert.Null(host.Acquire(Deployment));
        Assert.Null(host.Current(Deployment));
    }

    [Fact]
    public void A_request_keeps_the_model_it_started_with_and_the_old_model_is_disposed_when_it_finishes()
    {
        using var host = new ModelHost();
        var old = new FakeScoringModel();
        var next = new FakeScoringModel();
        host.Activate(Loaded(1, old));

        var lease = host.Acquire(Deployment)!;
        var newer = Loaded(2, next);
        Assert.True(host.Activate(newer));

        Assert.Equal(0, old.Disposals);                  // still in use by the request
        Assert.Single(lease.Model.Model.Score(OneInstance));
        lease.Dispose();
        Assert.Equal(1, old.Disposals);                  // the last holder let it go
        lease.Dispose();                                  // disposing a lease twice releases once
        Assert.Equal(1, old.Disposals);

        using var fresh = host.Acquire(Deployment)!;
        Assert.Same(newer, fresh.Model);
        Assert.Equal(0, next.Disposals);
    }

    [Fact]
    public void A_model_of_an_older_revision_never_replaces_a_newer_one_and_is_disposed()
    {
        using var host = new ModelHost();
        var current = Loaded(5, new FakeScoringModel());
        var staleModel = new FakeScoringModel();
        host.Activate(current);

        Assert.False(host.Activate(Loaded(4, staleModel)));
        Assert.Equal(1, staleModel.Disposals);
        Assert.Equal((current.ModelVersionId, 5), host.Current(Deployment));
    }

    [Fact]
    public void Disposing_the_host_disposes_the_current_models()
    {
        var model = new FakeScoringModel();
        var host = new ModelHost();
        host.Activate(Loaded(1, model));
        host.Dispose();
        Assert.Equal(1, model.Disposals);
        Assert.Null(host.Acquire(Deployment));
    }

    [Fact]
    public async Task Swapping_the_model_again_and_again_while_requests_run_fails_no_request()
    {
        const int Swaps = 300;
        const int Servers = 4;
        using var host = new ModelHost();
        var models = new ConcurrentQueue<FakeScoringModel>();
        FakeScoringModel NewModel()
        {
            var model = new FakeScoringModel();
            models.Enqueue(model);
            return model;
        }
        host.Activate(Loaded(0, NewModel()));

        var failures = new ConcurrentQueue<Exception>();
        long served = 0;
        var stop = 0;
        var servers = Enumerable.Range(0, Servers).Select(_ => Task.Factory.StartNew(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                try
                {
                    using var lease = host.Acquire(Deployment) ?? throw new InvalidOperationException("no model while swapping");
                    Assert.Single(lease.Model.Model.Score(OneInstance));
                    Interlocked.Increment(ref served);
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray(); // own threads: a starved thread pool would only slow the test

        for (var revision = 1; revision <= Swaps; revision++)
        {
            // Swap only once requests have run since the last swap, so swaps really meet requests in flight.
            var before = Interlocked.Read(ref served);
            while (Interlocked.Read(ref served) < before + Servers && failures.IsEmpty) Thread.Yield();
            host.Activate(Loaded(revision, NewModel()));
        }
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(servers);

        Assert.Empty(failures);
        var all = models.ToArray();
        Assert.Equal(Swaps + 1, all.Length);
        Assert.All(all[..^1], m => Assert.Equal(1, m.Disposals));   // every retired session freed, once
        Assert.Equal(0, all[^1].Disposals);                         // the current one still serves
        Assert.DoesNotContain(all, m => m.DisposedWhileInUse);
        Assert.True(Interlocked.Read(ref served) >= Swaps * Servers);
    }

    private static LoadedModel Sized(DeploymentKey deployment, long bytes, FakeScoringModel? model = null) =>
        new(deployment, Guid.NewGuid(), 1, model ?? new FakeScoringModel(), bytes: bytes);

    [Fact]
    public void Past_its_budget_the_host_evicts_the_least_recently_used_other_deployment_and_remembers_what_it_served()
    {
        using var host = new ModelHost(maxLoadedBytes: 300);
        DeploymentKey a = new(Guid.NewGuid(), "a"), b = new(Guid.NewGuid(), "b"), c = new(Guid.NewGuid(), "c");
        var modelA = new FakeScoringModel();
        var loadedA = Sized(a, 100, modelA);
        host.Activate(loadedA);
        host.Activate(Sized(b, 100));
        host.Activate(Sized(c, 100));
        Assert.Equal(300, host.LoadedBytes);

        host.Acquire(a)!.Dispose();                    // a is used again: b is now the least recently used
        var d = new DeploymentKey(Guid.NewGuid(), "d");
        host.Activate(Sized(d, 100), out var evicted);

        Assert.Equal([b], evicted.Select(m => m.Deployment));
        Assert.Null(host.Current(b));
        Assert.Null(host.Acquire(b));
        Assert.NotNull(host.Known(b));                  // the synchronizer leaves it to load on demand
        Assert.Equal(evicted[0].ModelVersionId, host.Known(b)!.Value.ModelVersionId);
        Assert.Equal(300, host.LoadedBytes);
        Assert.Equal(0, modelA.Disposals);
        Assert.NotNull(host.Current(a));
        Assert.DoesNotContain(b, host.Served().Select(s => s.Deployment));
    }

    [Fact]
    public void A_request_holding_an_evicted_model_finishes_with_it_and_the_session_is_freed_after()
    {
        using var host = new ModelHost(maxLoadedBytes: 150);
        DeploymentKey a = new(Guid.NewGuid(), "a"), b = new(Guid.NewGuid(), "b");
        var modelA = new FakeScoringModel();
        host.Activate(Sized(a, 100, modelA));
        var lease = host.Acquire(a)!;

        host.Activate(Sized(b, 100), out var evicted);

        Assert.Equal([a], evicted.Select(m => m.Deployment));
        Assert.Equal(0, modelA.Disposals);              // still scoring the request that leased it
        Assert.Single(lease.Model.Model.Score(OneInstance));
        lease.Dispose();
        Assert.Equal(1, modelA.Disposals);
        Assert.False(modelA.DisposedWhileInUse);
    }

    [Fact]
    public void A_model_alone_over_the_budget_is_served_and_reloading_an_evicted_deployment_evicts_the_next_in_line()
    {
        using var host = new ModelHost(maxLoadedBytes: 150);
        DeploymentKey a = new(Guid.NewGuid(), "a"), b = new(Guid.NewGuid(), "b");
        host.Activate(Sized(a, 500), out var none);
        Assert.Empty(none);
        Assert.NotNull(host.Acquire(a));

        host.Activate(Sized(b, 100), out var first);
        Assert.Equal([a], first.Select(m => m.Deployment));
        host.Activate(Sized(a, 100), out var second);   // a's next request loaded it on demand
        Assert.Equal([b], second.Select(m => m.Deployment));
        Assert.NotNull(host.Current(a));
        Assert.Equal(100, host.LoadedBytes);
    }
}
