using Platform.Contracts.Solutions;

namespace Platform.UnitTests;

public sealed class SampleDatasetFilesTests : IDisposable
{
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("samples-").FullName;

    [Fact]
    public void The_repository_holds_every_solutions_sample()
    {
        var folder = SampleDatasetFiles.InRepositoryAbove(AppContext.BaseDirectory);

        Assert.EndsWith(SampleDatasetFiles.RepositoryFolder.Replace('/', Path.DirectorySeparatorChar), folder);
        Assert.All(SolutionTemplates.All, s => Assert.True(File.Exists(SampleDatasetFiles.PathOf(s.SampleDataset, folder)), s.SampleDataset));
        Assert.True(File.Exists(Path.Combine(folder, "README.md")), "the samples' README (source, licence, rows, target)");
    }

    [Fact]
    public void A_folder_given_overrides_the_repository()
    {
        File.WriteAllText(Path.Combine(_elsewhere, "mine.csv"), "a,b\n1,2\n");

        Assert.Equal(_elsewhere, SampleDatasetFiles.Folder(_elsewhere));
        Assert.Equal(Path.Combine(_elsewhere, "mine.csv"), SampleDatasetFiles.PathOf("mine.csv", SampleDatasetFiles.Folder(_elsewhere)));
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_the_path_looked_for()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SampleDatasetFiles.PathOf("finance-credit.csv", _elsewhere));

        Assert.Equal(Path.Combine(_elsewhere, "finance-credit.csv"), error.FileName);
        Assert.Contains(Path.Combine(_elsewhere, "finance-credit.csv"), error.Message);
    }

    [Fact]
    public void A_missing_folder_names_where_it_looked_and_the_override()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => SampleDatasetFiles.InRepositoryAbove(_elsewhere));

        Assert.Contains(_elsewhere, error.Message);
        Assert.Contains(SampleDatasetFiles.EnvironmentVariable, error.Message);
    }

    [Fact]
    public void A_name_that_is_a_path_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SampleDatasetFiles.PathOf("../secrets/key", _elsewhere));

        Assert.Contains("plain file name", error.Message);
    }

    public void Dispose() => Directory.Delete(_elsewhere, recursive: true);
}
