using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Platform.Inference.Extensions;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Platform.Inference.Serving;

/// <summary>
/// Creates ONNX Runtime sessions on the best execution provider present. Whether CUDA works is
/// decided once per process, by appending its provider: without a GPU (or without its libraries)
/// that throws at once, and every session then runs on the CPU provider.
/// </summary>
public sealed partial class OnnxSessionFactory(IOptions<InferenceOptions> options, ILogger<OnnxSessionFactory> logger)
{
    public const string Cuda = "CUDA";
    public const string Cpu = "CPU";

    private readonly Lazy<string> _provider = new(() => ChooseProvider(logger), LazyThreadSafetyMode.ExecutionAndPublication);

    public string ExecutionProvider => _provider.Value;

    public InferenceSession Create(byte[] model)
    {
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.Value.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        // int8 weights stored as DequantizeLinear of constants are folded to float once, at load:
        // the file stays small and requests run at float speed. Without this entry ONNX Runtime keeps
        // the DequantizeLinear nodes and runs them on every request (finance: +8 µs a call). Layers
        // that compute in int8 are fused into DynamicQuantizeMatMul at the default optimization
        // level either way (ADR 15).
        sessionOptions.AddSessionConfigEntry("session.disable_quant_qdq", "1");
        // A text model tokenizes inside its graph with ONNX Runtime Extensions' operators (ADR 32).
        sessionOptions.RegisterOrtExtensions();
        if (ExecutionProvider == Cuda) sessionOptions.AppendExecutionProvider_CUDA(0);
        return new InferenceSession(model, sessionOptions);
    }

    private static string ChooseProvider(ILogger logger)
    {
        try
        {
            using var probe = new SessionOptions();
            probe.AppendExecutionProvider_CUDA(0);
            LogProvider(logger, Cuda, "the CUDA provider loaded");
            return Cuda;
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            LogProvider(logger, Cpu, ex.Message);
            return Cpu;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ONNX Runtime sessions run on the {Provider} execution provider ({Reason})")]
    private static partial void LogProvider(ILogger logger, string provider, string reason);
}
