using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Platform.Contracts;
using Platform.Contracts.Solutions;
using Platform.Modeling.Data;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Platform.Tabular;
using Platform.ServiceDefaults.Artifacts;

namespace Platform.Benchmarks;

/// <summary>
/// What encrypting artifacts at rest costs (ADR 29), each encrypted operation beside the plaintext
/// one it replaced, on the same bytes in the same run: storing an upload (hash and write a staged
/// file, against hash, encrypt and write), reading it back, and loading a model for serving (read
/// the file and create the ONNX Runtime session). The content is a real upload (finance-credit.csv,
/// 310 KB) and a 64 MiB file, the size where the disk rather than the CPU could dominate. In the host
/// process, as <see cref="ServingBenchmarks"/>, because the setup trains the model with TorchSharp.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
[Config(typeof(InProcessConfig))]
public class ArtifactEncryptionBenchmarks
{
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default
            .WithWarmupCount(3).WithIterationCount(15)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("InProcess"));
    }

    private static readonly Guid Tenant = Guid.NewGuid();
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"encryption-bench-{Guid.NewGuid():N}");
    private ContentAddressedStore _store = null!;
    private byte[] _content = [];
    private ArtifactReference _stored = null!;
    private string _plainFile = "";
    private byte[] _model = [];
    private ArtifactReference _storedModel = null!;
    private string _plainModelFile = "";

    [Params("finance-credit.csv", "64 MiB")]
    public string Content { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _store = new ContentAddressedStore(Options.Create(new ArtifactStoreOptions { Root = Path.Combine(_root, "artifacts") }),
            new TenantKeyring(Path.Combine(_root, "keys"), RandomNumberGenerator.GetBytes(TenantKeyring.KeyBytes)));
        var dataset = File.ReadAllBytes(SampleDatasetFiles.PathOf("finance-credit.csv"));
        // 64 MiB of the real rows repeated: text, as uploads are.
        _content = Content == "64 MiB"
            ? Enumerable.Repeat(dataset, (64 << 20) / dataset.Length + 1).SelectMany(b => b).Take(64 << 20).ToArray()
            : dataset;
        _stored = _store.StoreAsync(Tenant, _content, CancellationToken.None).GetAwaiter().GetResult();
        _plainFile = Path.Combine(_root, "plain.csv");
        File.WriteAllBytes(_plainFile, _content);

        var table = TrainingTable.Read(() => new MemoryStream(dataset), "Status", 42, MemoryBudget.Unlimited());
        _model = new TabularClassifierTrainer().Train(new TrainingRequest(table, "Status", "bad", null, 42)).OnnxModel;
        _storedModel = _store.StoreAsync(Tenant, _model, CancellationToken.None).GetAwaiter().GetResult();
        _plainModelFile = Path.Combine(_root, "plain.onnx");
        File.WriteAllBytes(_plainModelFile, _model);
        Console.WriteLine($"// Setup: {_content.Length:N0} bytes of content; a model of {_model.Length:N0} bytes.");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true), BenchmarkCategory("Store")]
    public async Task<string> StorePlain()
    {
        // What the store did before: hash while writing a staged file (then moved or, as here, dropped).
        var temp = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var buffer = new byte[1 << 16];
            var source = new MemoryStream(_content, writable: false);
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        File.Delete(temp);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [Benchmark, BenchmarkCategory("Store")]
    public async Task<string> StoreEncrypted()
    {
        // The content is stored already: the staged copy is encrypted and hashed in full, then dropped.
        var stored = await _store.StoreAsync(Tenant, _content, CancellationToken.None);
        return stored.Sha256;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Read")]
    public Task<byte[]> ReadPlain() => File.ReadAllBytesAsync(_plainFile);

    [Benchmark, BenchmarkCategory("Read")]
    public Task<byte[]> ReadEncrypted() => _store.ReadAllBytesAsync(Tenant, _stored, CancellationToken.None);

    [Benchmark(Baseline = true), BenchmarkCategory("LoadModel")]
    public int LoadModelPlain()
    {
        using var options = OnnxClassifier.CreateSessionOptions();
        using var session = new InferenceSession(File.ReadAllBytes(_plainModelFile), options);
        return session.InputMetadata.Count;
    }

    [Benchmark, BenchmarkCategory("LoadModel")]
    public int LoadModelEncrypted()
    {
        using var options = OnnxClassifier.CreateSessionOptions();
        using var session = new InferenceSession(_store.ReadAllBytesAsync(Tenant, _storedModel, CancellationToken.None).GetAwaiter().GetResult(), options);
        return session.InputMetadata.Count;
    }
}
