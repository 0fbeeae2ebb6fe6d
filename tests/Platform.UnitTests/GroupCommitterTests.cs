using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.ServiceDefaults.Outbox;
using Platform.ServiceDefaults.Persistence;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.UnitTests;

/// <summary>
/// A group commit runs on a writer of its own, outside its callers: its span joins the first caller's
/// trace and links the others, so what it writes (SQL, outbox rows and their dispatch) is seen as
/// part of the requests that caused it.
/// </summary>
public sealed class GroupCommitterTests : IDisposable
{
    private readonly ActivitySource _callers = new("GroupCommitterTests");
    private readonly ActivityListener _listener;

    public GroupCommitterTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "GroupCommitterTests" or PlatformTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task A_group_s_commit_is_a_span_in_its_first_caller_s_trace_linked_to_every_other_caller()
    {
        var committer = new RecordingCommitter(new GroupCommitLimits(MaxItems: 8, MaxDelay: TimeSpan.FromMilliseconds(300), Writers: 1, MaxWaiting: 64));
        await committer.StartAsync(CancellationToken.None);

        var callers = new ConcurrentBag<ActivityContext>();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
        {
            using var request = _callers.StartActivity($"request {i}")!;
            callers.Add(request.Context);
            await committer.CommitAsync(i, CancellationToken.None);
        })));
        await committer.StopAsync(CancellationToken.None);

        var (writes, commit) = Assert.Single(committer.Groups);
        Assert.Equal(3, writes.Count);
        Assert.NotNull(commit);
        Assert.Equal("group commit", commit.OperationName);
        Assert.Contains(callers, c => c.TraceId == commit.TraceId && c.SpanId == commit.ParentSpanId);
        var linked = commit.Links.Select(l => l.Context).ToArray();
        Assert.Equal(2, linked.Length);
        Assert.All(linked, l => Assert.Contains(l, callers));
        Assert.DoesNotContain(linked, l => l.SpanId == commit.ParentSpanId);
    }

    [Fact]
    public async Task A_write_from_outside_any_trace_commits_in_a_trace_of_its_own()
    {
        var committer = new RecordingCommitter(new GroupCommitLimits(MaxItems: 8, MaxDelay: TimeSpan.Zero, Writers: 1, MaxWaiting: 64));
        await committer.StartAsync(CancellationToken.None);
        Assert.Null(Activity.Current);

        await committer.CommitAsync(1, CancellationToken.None);
        await committer.StopAsync(CancellationToken.None);

        var (_, commit) = Assert.Single(committer.Groups);
        Assert.NotNull(commit);
        Assert.Equal(default, commit.ParentSpanId);
        Assert.Empty(commit.Links);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _callers.Dispose();
    }

    private sealed class RecordingCommitter(GroupCommitLimits limits)
        : GroupCommitter<int>(limits, new OutboxSignal(), TimeProvider.System, NullLogger.Instance)
    {
        public ConcurrentQueue<(IReadOnlyList<int> Writes, Activity? Commit)> Groups { get; } = new();

        protected override Task<bool> WriteAsync(IReadOnlyList<int> group)
        {
            Groups.Enqueue((group, Activity.Current));
            return Task.FromResult(true);
        }
    }
}
