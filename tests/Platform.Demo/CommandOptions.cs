namespace Platform.Demo;

/// <summary>A command's <c>--name value</c> pairs after its name, as the bench commands take them.</summary>
public static class CommandOptions
{
    public static Dictionary<string, string> Parse(string[] args, string usage)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new ArgumentException($"Unexpected '{args[i]}'. {usage}");
            options[args[i][2..]] = args[++i];
        }
        return options;
    }
}
