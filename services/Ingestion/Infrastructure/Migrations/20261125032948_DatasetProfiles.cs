using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ingestion.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DatasetProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ColumnCount",
                table: "dataset_versions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ProfileJson",
                table: "dataset_versions",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "RowCount",
                table: "dataset_versions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "TargetColumn",
                table: "dataset_versions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ColumnCount",
                table: "dataset_versions");

            migrationBuilder.DropColumn(
                name: "ProfileJson",
                table: "dataset_versions");

            migrationBuilder.DropColumn(
                name: "RowCount",
                table: "dataset_versions");

            migrationBuilder.DropColumn(
                name: "TargetColumn",
                table: "dataset_versions");
        }
    }
}
