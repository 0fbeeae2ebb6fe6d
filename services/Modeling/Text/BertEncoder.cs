using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Text;

/// <summary>
/// One post-LayerNorm BERT layer as the pretrained graph computes it: 12 heads, exact (erf) GELU,
/// LayerNorm ε 1e-12, padding masked by adding −10000 to its scores (ADR 32: matches ONNX Runtime
/// on the same weights to 3.6e-6).
/// </summary>
internal sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear _query, _key, _value, _attentionOutput, _intermediate, _output;
    private readonly LayerNorm _attentionNorm, _outputNorm;
    private readonly int _heads;

    public BertLayer(int hidden, int heads) : base(nameof(BertLayer))
    {
        _heads = heads;
        _query = nn.Linear(hidden, hidden);
        _key = nn.Linear(hidden, hidden);
        _value = nn.Linear(hidden, hidden);
        _attentionOutput = nn.Linear(hidden, hidden);
        _intermediate = nn.Linear(hidden, 4 * hidden);
        _output = nn.Linear(4 * hidden, hidden);
        _attentionNorm = nn.LayerNorm(hidden, 1e-12);
        _outputNorm = nn.LayerNorm(hidden, 1e-12);
        RegisterComponents();
    }

    public double Dropout { get; set; } = 0.1;

    /// <param name="x">[batch, tokens, hidden]</param>
    /// <param name="additiveMask">[batch, 1, 1, tokens]: 0 for a token, −10000 for padding.</param>
    public override Tensor forward(Tensor x, Tensor additiveMask)
    {
        long batch = x.shape[0], tokens = x.shape[1], hidden = x.shape[2];
        Tensor Heads(Tensor y) => y.view(batch, tokens, _heads, hidden / _heads).transpose(1, 2);
        var context = nn.functional.scaled_dot_product_attention(
            Heads(_query.forward(x)), Heads(_key.forward(x)), Heads(_value.forward(x)), additiveMask, 0.0, false);
        context = context.transpose(1, 2).reshape(batch, tokens, hidden);
        var attended = _attentionNorm.forward(nn.functional.dropout(_attentionOutput.forward(context), Dropout, training) + x);
        var fed = _output.forward(nn.functional.gelu(_intermediate.forward(attended)));
        return _outputNorm.forward(nn.functional.dropout(fed, Dropout, training) + attended);
    }

    /// <summary>Its parameters under their Hugging Face names; <c>Linear</c>: a weight matrix.</summary>
    public IEnumerable<(string Name, Parameter Value, bool Linear)> Named()
    {
        foreach (var (name, linear) in new[] { ("attention.self.query", _query), ("attention.self.key", _key), ("attention.self.value", _value),
                     ("attention.output.dense", _attentionOutput), ("intermediate.dense", _intermediate), ("output.dense", _output) })
        {
            yield return (name + ".weight", linear.weight!, true);
            yield return (name + ".bias", linear.bias!, false);
        }
        foreach (var (name, norm) in new[] { ("attention.output.LayerNorm", _attentionNorm), ("output.LayerNorm", _outputNorm) })
        {
            yield return (name + ".weight", norm.weight!, false);
            yield return (name + ".bias", norm.bias!, false);
        }
    }
}

/// <summary>
/// A BERT encoder (embeddings and layers) whose weights are read from a pretrained ONNX graph
/// (<see cref="EncoderWeights"/>) and can be written back into it. Single-segment input: every
/// token's type is 0.
/// </summary>
internal sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding _words, _positions, _tokenTypes;
    private readonly LayerNorm _embeddingNorm;
    private readonly ModuleList<BertLayer> _layers;

    public BertEncoder(int vocabulary, int hidden, int layers, int heads, int positions = 512) : base(nameof(BertEncoder))
    {
        _words = nn.Embedding(vocabulary, hidden);
        _positions = nn.Embedding(positions, hidden);
        _tokenTypes = nn.Embedding(2, hidden);
        _embeddingNorm = nn.LayerNorm(hidden, 1e-12);
        _layers = new ModuleList<BertLayer>([.. Enumerable.Range(0, layers).Select(_ => new BertLayer(hidden, heads))]);
        RegisterComponents();
    }

    public int LayerCount => _layers.Count;

    public double Dropout { get; set; } = 0.1;

    /// <summary>
    /// [texts, 1, 1, tokens]: 0 for a token, −10000 for padding, as the pretrained graph adds to its
    /// attention scores. Built here rather than by tensor arithmetic with scalars (<see cref="Training.RootedScalars"/>).
    /// </summary>
    public static Tensor AdditiveMask(IReadOnlyList<int> lengths, int tokens)
    {
        var mask = new float[lengths.Count * tokens];
        for (var i = 0; i < lengths.Count; i++) mask.AsSpan(i * tokens + lengths[i], tokens - lengths[i]).Fill(-10000f);
        return tensor(mask, [lengths.Count, 1, 1, tokens]);
    }

    /// <summary>The embeddings of <paramref name="ids"/> [batch, tokens]: [batch, tokens, hidden].</summary>
    public Tensor Embed(Tensor ids)
    {
        var positions = arange(ids.shape[1], dtype: ScalarType.Int64).unsqueeze(0);
        var x = _words.forward(ids) + _tokenTypes.forward(zeros_like(ids)) + _positions.forward(positions);
        return nn.functional.dropout(_embeddingNorm.forward(x), Dropout, training);
    }

    /// <summary>Layers [<paramref name="from"/>, <paramref name="to"/>) applied to <paramref name="x"/>.</summary>
    public Tensor Layers(Tensor x, Tensor additiveMask, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            _layers[i].Dropout = Dropout;
            x = _layers[i].forward(x, additiveMask);
        }
        return x;
    }

    public override Tensor forward(Tensor ids, Tensor additiveMask) => Layers(Embed(ids), additiveMask, 0, _layers.Count);

    public IEnumerable<(string Name, Parameter Value, bool Linear)> Named()
    {
        yield return ("embeddings.word_embeddings.weight", _words.weight!, false);
        yield return ("embeddings.position_embeddings.weight", _positions.weight!, false);
        yield return ("embeddings.token_type_embeddings.weight", _tokenTypes.weight!, false);
        yield return ("embeddings.LayerNorm.weight", _embeddingNorm.weight!, false);
        yield return ("embeddings.LayerNorm.bias", _embeddingNorm.bias!, false);
        for (var i = 0; i < _layers.Count; i++)
            foreach (var (name, value, linear) in _layers[i].Named()) yield return ($"encoder.layer.{i}.{name}", value, linear);
    }

    /// <summary>Copies the graph's weights in (a MatMul's [in, out] transposed to a Linear's [out, in]).</summary>
    public void Load(IReadOnlyDictionary<string, EncoderWeights.Weight> weights)
    {
        using var _ = no_grad();
        foreach (var (name, parameter, _) in Named())
        {
            if (!weights.TryGetValue(name, out var weight)) throw new InvalidDataException($"The pretrained encoder has no weight {name}.");
            using var source = tensor(weight.Values(), weight.Dims);
            using var laidOut = weight.MatMul ? source.t().contiguous() : source.alias();
            if (!laidOut.shape.SequenceEqual(parameter.shape))
                throw new InvalidDataException($"The pretrained encoder's {name} is [{string.Join(", ", laidOut.shape)}], not [{string.Join(", ", parameter.shape)}].");
            parameter.copy_(laidOut);
        }
    }

    /// <summary>The weights as the graph stores them (a Linear's weight transposed back to [in, out]).</summary>
    public IEnumerable<(string Name, float[] Values)> Export()
    {
        foreach (var (name, parameter, linear) in Named())
        {
            using var laidOut = linear ? parameter.detach().t().contiguous() : parameter.detach().contiguous();
            yield return (name, laidOut.data<float>().ToArray());
        }
    }
}

/// <summary>Mean pooling over the real tokens, dropout, and a linear layer to the classes' logits.</summary>
internal sealed class MeanPoolHead : nn.Module<Tensor, Tensor, Tensor>
{
    public MeanPoolHead(int hidden, int classes) : base(nameof(MeanPoolHead))
    {
        Classifier = nn.Linear(hidden, classes);
        RegisterComponents();
    }

    public Linear Classifier { get; }

    public double Dropout { get; set; } = 0.1;

    /// <param name="x">[texts, tokens, hidden]</param>
    /// <param name="tokenMask">[texts, tokens]: 1 for a token, 0 for padding; every text has [CLS] and [SEP], so no count is 0.</param>
    public static Tensor MeanPool(Tensor x, Tensor tokenMask) => (x * tokenMask.unsqueeze(-1)).sum(1) / tokenMask.sum(1, keepdim: true);

    public override Tensor forward(Tensor x, Tensor tokenMask) =>
        Classifier.forward(nn.functional.dropout(MeanPool(x, tokenMask), Dropout, training));
}
