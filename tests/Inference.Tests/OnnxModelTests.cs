using System.Security.Cryptography;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.Inference.Tests.Onnx;
using Platform.ServiceDefaults.Artifacts;

namespace Platform.Inference.Tests;

public sealed class OnnxModelTests : IDisposable
{
    private static readonly DeploymentKey Deployment = new(Guid.NewGuid(), "risk");
    private readonly string _root = Directory.CreateTempSubdirectory("inference-tests-").FullName;
    private readonly OnnxSessionFactory _sessions = new(Options.Create(new InferenceOptions()), NullLogger<OnnxSessionFactory>.Instance);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private OnnxScoringModel Model(float weight = 0.1f) => new(_sessions.Create(TestModel.Build(weight)));

    private static FeatureBatch Batch(float[] ages, string[] regions) =>
        new(ages.Length, [new NumericColumn("age", ages), new CategoricalColumn("region", regions)]);

    [Fact]
    public void The_inputs_and_classes_are_read_from_the_model()
    {
        using var model = Model();
        Assert.Equal([new ModelInput("age", FeatureKind.Numeric), new ModelInput("region", FeatureKind.Categorical)],
            model.Signature.Inputs.OrderBy(i => i.Name));
        Assert.Equal(["bad", "good"], model.Signature.Classes);
        Assert.Equal(("good", "risk"), (model.Signature.PositiveClass, model.Signature.Target));
    }

    [Fact]
    public void A_model_without_its_class_names_is_refused_when_it_loads()
    {
        using var session = _sessions.Create(TestModel.Build(withClasses: false));
        Assert.Throws<InvalidModelException>(() => new OnnxScoringModel(session));
    }

    [Fact]
    public void Scoring_returns_each_instances_label_and_class_probabilities_missing_values_included()
    {
        using var model = Model(weight: 0.1f);
        float[] ages = [30f, -40f, float.NaN, 0f];
        string[] regions = ["north", "south", "north", ""];

        var predictions = model.Score(Batch(ages, regions));

        Assert.Equal(4, predictions.Count);
        for (var i = 0; i < ages.Length; i++)
        {
            var good = TestModel.ProbabilityOfGood(0.1f, ages[i], regions[i]);
            Assert.Equal(["bad", "good"], predictions[i].Probabilities.Keys);
            Assert.Equal(good, predictions[i].Probabilities["good"], 5);
            Assert.Equal(1 - good, predictions[i].Probabilities["bad"], 5);
            Assert.Equal(good > 0.5 ? "good" : "bad", predictions[i].Label);
        }
    }

    [Fact]
    public void The_session_factory_creates_sessions_on_the_provider_it_chose_once()
    {
        Assert.Contains(_sessions.ExecutionProvider, new[] { OnnxSessionFactory.Cuda, OnnxSessionFactory.Cpu });
        using var first = _sessions.Create(TestModel.Build());
        using var second = _sessions.Create(TestModel.Build());
        Assert.Contains(_sessions.ExecutionProvider, new[] { OnnxSessionFactory.Cuda, OnnxSessionFactory.Cpu });
    }

    [Fact]
    public async Task The_loader_reads_the_promoted_artifact_from_the_store()
    {
        var store = Store();
        var artifact = await store.StoreAsync(Deployment.TenantId, TestModel.Build(), CancellationToken.None);
        var loader = new ModelLoader(store, _sessions, new PseudonymKeys(Keys), NullLogger<ModelLoader>.Instance);
        var version = Guid.NewGuid();

        var loaded = await loader.LoadAsync(Deployment, version, 3, artifact, null, CancellationToken.None);

        Assert.Equal((Deployment, version, 3L), (loaded.Deployment, loaded.ModelVersionId, loaded.Revision));
        Assert.Single(loaded.Model.Score(Batch([1f], ["north"])));
        loaded.Release();
        Assert.True(loaded.IsDisposed);
    }

    [Fact]
    public async Task An_artifact_whose_file_is_another_model_is_refused()
    {
        var store = Store();
        var artifact = await store.StoreAsync(Deployment.TenantId, TestModel.Build(weight: 0.1f), CancellationToken.None);
        var other = await store.StoreAsync(Deployment.TenantId, TestModel.Build(weight: 0.9f), CancellationToken.None);
        File.Copy(store.LocalPath(Deployment.TenantId, other), store.LocalPath(Deployment.TenantId, artifact), overwrite: true);
        var loader = new ModelLoader(store, _sessions, new PseudonymKeys(Keys), NullLogger<ModelLoader>.Instance);

        var refused = await Assert.ThrowsAsync<InvalidModelException>(() => loader.LoadAsync(Deployment, Guid.NewGuid(), 1, artifact, null, CancellationToken.None));
        Assert.Contains("does not decrypt", refused.Message);
    }

    private ContentAddressedStore Store() => new(Options.Create(new ArtifactStoreOptions { Root = Path.Combine(_root, "artifacts") }), Keys);

    private TenantKeyring? _keyring;
    private TenantKeyring Keys => _keyring ??= new(Path.Combine(_root, "keys"), RandomNumberGenerator.GetBytes(TenantKeyring.KeyBytes));

    [Fact]
    public async Task Swapping_real_sessions_while_they_score_fails_no_request_and_each_answer_comes_from_one_model()
    {
        const int Swaps = 16;
        const int Servers = 2;
        using var host = new ModelHost();
        var expected = new Dictionary<Guid, double>();
        LoadedModel Next(int revision)
        {
            var weight = revision % 2 == 0 ? 0.05f : -0.05f;
            var loaded = new LoadedModel(Deployment, Guid.NewGuid(), revision, Model(weight));
            lock (expected) expected[loaded.ModelVersionId] = TestModel.ProbabilityOfGood(weight, 20f, "south");
            return loaded;
        }
        host.Activate(Next(0));

        var failures = new ConcurrentQueue<Exception>();
        long served = 0;
        var stop = 0;
        var servers = Enumerable.Range(0, Servers).Select(_ => Task.Factory.StartNew(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                try
                {
                    using var lease = host.Acquire(Deployment)!;
                    var good = lease.Model.Model.Score(Batch([20f, 20f], ["south", "south"]))[0].Probabilities["good"];
                    double want;
                    lock (expected) want = expected[lease.Model.ModelVersionId];
                    Assert.Equal(want, good, 5);
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
            var before = Interlocked.Read(ref served);
            while (Interlocked.Read(ref served) < before + Servers && failures.IsEmpty) Thread.Yield();
            host.Activate(Next(revision));
        }
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(servers);

        Assert.Empty(failures);
    }
}
