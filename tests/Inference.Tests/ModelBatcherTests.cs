using Platform.Inference.Extensions;
using Platform.Inference.Serving;

namespace Platform.Inference.Tests;

/// <summary>
/// Dynamic batching: requests that arrive while a run is busy are scored together in the next run,
/// each gets exactly its own rows' answers, and one request the model refuses fails alone.
/// </summary>
public sealed class ModelBatcherTests
{
    private static readonly DeploymentBatching Defaults = new BatchingOptions().For("any");

    [Fact]
    public async Task A_lone_request_is_scored_at_once_on_its_own_run()
    {
        var model = new EchoModel();
        var batcher = new ModelBatcher(model);

        var scored = await batcher.ScoreAsync(Ages(7, 8), Defaults);

        Assert.Equal(["7", "8"], scored.Select(p => p.Label));
        Assert.Equal([2], model.Runs);
        Assert.Equal(0, batcher.SharedRuns);
    }

    [Fact]
    public async Task Requests_queued_behind_a_busy_run_share_the_next_run_and_each_gets_its_own_rows()
    {
        var model = new EchoModel { HoldFirstRun = true };
        var batcher = new ModelBatcher(model);

        var first = Task.Run(() => batcher.ScoreAsync(Ages(0), Defaults));
        await model.FirstRunStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = Enumerable.Range(1, 20).Select(r => batcher.ScoreAsync(Ages(100 * r, 100 * r + 1), Defaults)).ToArray();
        model.ReleaseFirstRun.Set();

        Assert.Equal(["0"], (await first).Select(p => p.Label));
        for (var r = 1; r <= 20; r++)
            Assert.Equal([$"{100 * r}", $"{100 * r + 1}"], (await queued[r - 1]).Select(p => p.Label));
        Assert.Equal([1, 40], model.Runs);
        Assert.Equal(1, batcher.SharedRuns);
        Assert.Equal(20, batcher.SharedRequests);
    }

    [Fact]
    public async Task A_run_holds_at_most_the_row_limit_and_a_request_as_large_as_a_run_is_scored_alone()
    {
        var model = new EchoModel { HoldFirstRun = true };
        var batcher = new ModelBatcher(model);
        var settings = new DeploymentBatching { MaxBatchRows = 5 };

        var first = Task.Run(() => batcher.ScoreAsync(Ages(0), settings));
        await model.FirstRunStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = Enumerable.Range(1, 6).Select(r => batcher.ScoreAsync(Ages(10 * r, 10 * r + 1), settings)).ToArray();
        var large = await batcher.ScoreAsync(Ages(1, 2, 3, 4, 5), settings);
        model.ReleaseFirstRun.Set();
        await first;
        await Task.WhenAll(queued);

        Assert.Equal(["1", "2", "3", "4", "5"], large.Select(p => p.Label));
        Assert.All(model.Runs, rows => Assert.InRange(rows, 1, 5));
        Assert.Equal(1 + 5 + 6 * 2, model.Runs.Sum());
        Assert.Equal(["60", "61"], (await queued[5]).Select(p => p.Label));
    }

    [Fact]
    public async Task A_request_the_model_refuses_fails_alone_and_the_others_of_its_run_are_answered()
    {
        var model = new EchoModel { HoldFirstRun = true };
        var batcher = new ModelBatcher(model);

        var first = Task.Run(() => batcher.ScoreAsync(Ages(0), Defaults));
        await model.FirstRunStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var good = batcher.ScoreAsync(Ages(3), Defaults);
        var bad = batcher.ScoreAsync(Ages(-1), Defaults);
        var alsoGood = batcher.ScoreAsync(Ages(4), Defaults);
        model.ReleaseFirstRun.Set();
        await first;

        Assert.Equal(["3"], (await good).Select(p => p.Label));
        Assert.Equal(["4"], (await alsoGood).Select(p => p.Label));
        var refused = await Assert.ThrowsAsync<InvalidModelException>(() => bad);
        Assert.Contains("negative age -1", refused.Message);
    }

    [Fact]
    public void Concatenated_batches_keep_each_batchs_rows_in_order_for_numbers_and_categories()
    {
        var joined = FeatureBatches.Concatenate([
            new FeatureBatch(2, [new NumericColumn("age", [1f, 2f]), new CategoricalColumn("region", ["north", ""])]),
            new FeatureBatch(1, [new NumericColumn("age", [float.NaN]), new CategoricalColumn("region", ["south"])]),
        ]);

        Assert.Equal(3, joined.Count);
        Assert.Equal([1f, 2f, float.NaN], ((NumericColumn)joined.Columns[0]).Values);
        Assert.Equal(["north", "", "south"], ((CategoricalColumn)joined.Columns[1]).Values);
    }

    [Fact]
    public void Batches_of_different_columns_are_never_joined()
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureBatches.Concatenate([
            new FeatureBatch(1, [new NumericColumn("age", [1f])]),
            new FeatureBatch(1, [new NumericColumn("income", [2f])]),
        ]));
        Assert.Contains("'age' differs", error.Message);
    }

    private static FeatureBatch Ages(params float[] ages) => new(ages.Length, [new NumericColumn("age", ages)]);

    /// <summary>Labels each row with its own age, so a row answered from another request shows; refuses negative ages.</summary>
    private sealed class EchoModel : IScoringModel
    {
        private readonly List<int> _runs = [];
        public bool HoldFirstRun { get; init; }
        public TaskCompletionSource FirstRunStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ManualResetEventSlim ReleaseFirstRun { get; } = new();

        public ModelSignature Signature { get; } = new([new ModelInput("age", FeatureKind.Numeric)], ["a"], null, "echo");

        public IReadOnlyList<int> Runs
        {
            get { lock (_runs) return [.. _runs]; }
        }

        public IReadOnlyList<Prediction> Score(FeatureBatch batch)
        {
            bool first;
            lock (_runs)
            {
                first = _runs.Count == 0;
                _runs.Add(batch.Count);
            }
            if (first && HoldFirstRun)
            {
                FirstRunStarted.SetResult();
                ReleaseFirstRun.Wait(TimeSpan.FromSeconds(10));
            }
            var ages = ((NumericColumn)batch.Columns[0]).Values;
            if (ages.Take(batch.Count).FirstOrDefault(a => a < 0) is var negative && negative < 0)
                throw new InvalidModelException($"negative age {negative}");
            return [.. ages.Take(batch.Count).Select(a => new Prediction(a.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, double> { ["a"] = 1 }))];
        }

        public void Dispose() => ReleaseFirstRun.Dispose();
    }
}
