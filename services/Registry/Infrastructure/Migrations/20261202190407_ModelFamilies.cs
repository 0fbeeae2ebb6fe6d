using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Registry.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ModelFamilies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Candidates",
                table: "model_versions",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Family",
                table: "model_versions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "mlp");

            // Rows from before families were compared have none: an empty list, not a missing one.
            migrationBuilder.Sql("""UPDATE model_versions SET "Candidates" = '[]'::jsonb WHERE "Candidates" IS NULL""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Candidates",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "Family",
                table: "model_versions");
        }
    }
}
