using System.Security.Cryptography;
using System.Text;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Text;

/// <summary>
/// Distils a text model into a <see cref="TextCnn"/> (ADR 32): the student reads the same token ids
/// (the teacher's own tokenizer nodes, taken from its file), keeps only the ids the train texts use,
/// starts from the teacher's embeddings of them reduced by PCA, and learns the teacher's softened
/// probabilities for the train rows beside the labels. The epoch best on the validation rows is
/// kept; the test rows only measure. Its file takes raw text like its teacher's and names it.
/// </summary>
public static class TextDistiller
{
    /// <summary>[PAD], [UNK], [CLS], [SEP] in a BERT vocabulary: kept whatever the train texts hold.</summary>
    private static readonly int[] SpecialIds = [0, 100, 101, 102];
    private const int UnknownId = 100;

    public static byte[] Distill(byte[] teacher, TrainingRequest request, TextStudentOptions? options = null, CancellationToken ct = default)
    {
        options ??= new TextStudentOptions();
        var split = TrainingSplit.Prepare(request);
        var model = ModelProto.Parser.ParseFrom(teacher);
        var (vocabulary, maxTokens) = TokenizerOf(model);
        string textColumn;
        float[] trainTeacher;
        using (var classifier = new OnnxClassifier(teacher, threads: options.Threads))
        {
            textColumn = classifier.FreeTextInputs.Count == 1 ? classifier.FreeTextInputs[0]
                : throw new ArgumentException("The teacher is not a text model of one text input.", nameof(teacher));
            trainTeacher = classifier.PredictProbabilities(split.Data, split.TrainRows);
        }
        var column = split.Data[split.Data.ColumnIndex(textColumn)];
        int[][] train, validation, test;
        using (var tokenizer = new TextTokenizer(vocabulary, maxTokens))
        {
            int[][] Tokens(int[] rows) => [.. tokenizer.Tokenize(rows.Select(column.Text).ToArray()).Select(ids => Array.ConvertAll(ids, id => (int)id))];
            (train, validation, test) = (Tokens(split.TrainRows), Tokens(split.ValidationRows), Tokens(split.TestRows));
        }

        // The student's vocabulary: the ids the train texts use; any other id reads as [UNK].
        var kept = new SortedSet<int>(SpecialIds);
        foreach (var ids in train) kept.UnionWith(ids);
        var teacherEmbeddings = EncoderWeights.Named(model.Graph)["embeddings.word_embeddings.weight"];
        var remap = new long[teacherEmbeddings.Dims[0]];
        var keptIds = kept.ToArray();
        var unknown = Array.IndexOf(keptIds, UnknownId);
        Array.Fill(remap, unknown);
        for (var i = 0; i < keptIds.Length; i++) remap[keptIds[i]] = i;
        int[][] Remap(int[][] texts) => [.. texts.Select(ids => Array.ConvertAll(ids, id => (int)remap[id]))];
        (train, validation, test) = (Remap(train), Remap(validation), Remap(test));

        lock (NetworkFamily.TorchRandom)
        {
            torch.set_num_threads(options.Threads);
            torch.manual_seed(split.Seed);
            using var student = new TextCnn(keptIds.Length, options.Dimensions, options.Channels, split.Classes) { Dropout = options.Dropout };
            using (var initial = ReducedEmbeddings(teacherEmbeddings, keptIds, options.Dimensions))
            using (no_grad()) student.Embedding.weight!.copy_(initial);
            var (testScores, epoch) = Train(student, split, train, validation, test, trainTeacher, options, ct);
            var file = TextStudentWriter.Write(student, remap, vocabulary, maxTokens, textColumn, split.Table.Classes, split.Table.Target,
                Convert.ToHexStringLower(SHA256.HashData(teacher)), epoch);
            using var written = new OnnxClassifier(file);
            var parity = TabularClassifierTrainer.Parity(split, testScores, written.PredictProbabilities(split.Data, split.TestRows));
            if (!(parity < 1e-4)) throw new ModelParityException(parity, 1e-4);
            return file;
        }
    }

    /// <summary>The vocabulary and the most tokens of a text model's tokenizer node (inside its loop's body).</summary>
    internal static (string Vocabulary, int MaxTokens) TokenizerOf(ModelProto model)
    {
        var node = model.Graph.Node.SelectMany(n => n.Attribute.Where(a => a.G is not null).SelectMany(a => a.G.Node).Prepend(n))
            .FirstOrDefault(n => n.OpType == "BertTokenizer")
            ?? throw new ArgumentException("The model has no tokenizer: it is not a text model.", nameof(model));
        var vocabulary = node.Attribute.Single(a => a.Name == "vocab_file").S.ToString(Encoding.UTF8);
        var maxTokens = (int)node.Attribute.Single(a => a.Name == "max_length").I;
        return (vocabulary, maxTokens);
    }

    /// <summary>The teacher's embeddings of the kept ids, centred and projected on their top principal components, unit variance.</summary>
    private static Tensor ReducedEmbeddings(EncoderWeights.Weight embeddings, int[] keptIds, int dimensions)
    {
        using var scope = NewDisposeScope();
        var all = tensor(embeddings.Values(), embeddings.Dims);
        var rows = all.index_select(0, tensor(keptIds.Select(i => (long)i).ToArray()));
        var centred = rows - rows.mean([0], keepdim: true);
        using var count = ((double)rows.shape[0]).ToScalar();
        var covariance = centred.t().matmul(centred).div(count);
        var (_, vectors) = linalg.eigh(covariance);
        var hidden = vectors.shape[1];
        var reduced = centred.matmul(vectors[.., TensorIndex.Slice(hidden - dimensions, hidden)]);
        return (reduced / reduced.std()).MoveToOuterDisposeScope();
    }

    private static (float[] TestScores, int Epoch) Train(TextCnn student, TrainingSplit split, int[][] train, int[][] validation, int[][] test,
        float[] teacher, TextStudentOptions options, CancellationToken ct)
    {
        var classes = split.Classes;
        // The teacher's logits up to a constant, softened: softmax(log p / T).
        var softened = new float[teacher.Length];
        for (var i = 0; i < teacher.Length; i += classes)
        {
            double sum = 0;
            for (var c = 0; c < classes; c++) sum += Math.Pow(Math.Max(teacher[i + c], 1e-7), 1 / options.Temperature);
            for (var c = 0; c < classes; c++) softened[i + c] = (float)(Math.Pow(Math.Max(teacher[i + c], 1e-7), 1 / options.Temperature) / sum);
        }
        var parameters = student.parameters().Select(p => (p, options.LearningRate, false)).ToArray();
        using var optimizer = new RootedAdamW(parameters, 0);
        using var temperature = options.Temperature.ToScalar();
        var shuffle = new Random(split.Seed);
        var steps = options.Epochs * ((train.Length + options.BatchSize - 1) / options.BatchSize);
        var step = 0;
        var best = (Auc: double.NegativeInfinity, Epoch: 0, Weights: Snapshot(student));
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            ct.ThrowIfCancellationRequested();
            student.train();
            var batches = Enumerable.Range(0, train.Length).OrderBy(i => train[i].Length + shuffle.NextDouble() * 8).Chunk(options.BatchSize).ToArray();
            shuffle.Shuffle(batches);
            foreach (var batch in batches)
            {
                using var scope = NewDisposeScope();
                step++;
                var (ids, penalty, mask) = Batch(train, batch);
                var logits = student.Forward(ids, penalty, mask);
                var hard = nn.functional.cross_entropy(logits, tensor(batch.Select(i => (long)split.TrainLabels[i]).ToArray()));
                var soft = tensor(batch.SelectMany(i => softened.AsSpan(i * classes, classes).ToArray()).ToArray(), [batch.Length, classes]);
                var distilled = -(soft * nn.functional.log_softmax(logits.div(temperature), 1)).sum(1).mean();
                using var teacherWeight = (options.TeacherWeight * options.Temperature * options.Temperature).ToScalar();
                using var labelWeight = (1 - options.TeacherWeight).ToScalar();
                var loss = distilled.mul(teacherWeight).add(hard.mul(labelWeight), RootedScalars.One);
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step(1.0 - (step - 1.0) / steps);
            }
            var auc = split.ValidationQuality(Scores(student, validation, classes));
            if (auc > best.Auc)
            {
                foreach (var t in best.Weights) t.Dispose();
                best = (auc, epoch, Snapshot(student));
            }
        }
        using (no_grad())
            foreach (var (parameter, value) in student.parameters().Zip(best.Weights)) parameter.copy_(value);
        foreach (var t in best.Weights) t.Dispose();
        return (Scores(student, test, classes), best.Epoch);
    }

    private static Tensor[] Snapshot(TextCnn student) => [.. student.parameters().Select(p => p.detach().clone().DetachFromDisposeScope())];

    private static (Tensor Ids, Tensor Penalty, Tensor Mask) Batch(int[][] texts, int[] batch)
    {
        var tokens = batch.Max(i => texts[i].Length);
        var ids = new long[batch.Length * tokens];
        var penalty = new float[batch.Length * tokens];
        var mask = new float[batch.Length * tokens];
        for (var b = 0; b < batch.Length; b++)
        {
            var text = texts[batch[b]];
            for (var t = 0; t < tokens; t++)
            {
                if (t < text.Length) { ids[b * tokens + t] = text[t]; mask[b * tokens + t] = 1; }
                else penalty[b * tokens + t] = -10000f;
            }
        }
        return (tensor(ids, [batch.Length, tokens]), tensor(penalty, [batch.Length, 1, tokens]), tensor(mask, [batch.Length, 1, tokens]));
    }

    private static float[] Scores(TextCnn student, int[][] texts, int classes)
    {
        student.eval();
        var scores = new float[texts.Length * classes];
        using var _ = no_grad();
        foreach (var batch in Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Length).Chunk(64))
        {
            using var scope = NewDisposeScope();
            var (ids, penalty, mask) = Batch(texts, batch);
            var probabilities = nn.functional.softmax(student.Forward(ids, penalty, mask), 1).data<float>().ToArray();
            for (var b = 0; b < batch.Length; b++)
                for (var c = 0; c < classes; c++) scores[batch[b] * classes + c] = probabilities[b * classes + c];
        }
        return scores;
    }
}
