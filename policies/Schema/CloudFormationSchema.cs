using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace Infra.Policies.Schema;

/// <summary>
/// The CloudFormation resource schema, read from the CDK's own service specification (the npm package
/// <c>@aws-cdk/aws-service-spec</c>, file <c>db.json.gz</c>): every resource type with its properties, their types,
/// whether they are required, their allowed values, and the nested type definitions they use.
/// </summary>
/// <remarks>
/// Loading decompresses the file and indexes where each resource type and type definition is, in one pass of a
/// forward-only reader; a resource's properties and the type definitions they use are parsed and converted on first
/// use (a template uses a few dozen of the 1,800 types), and documentation is never read. <see cref="Shared"/> loads the database found from the current or the application directory once per
/// process; <see cref="Load"/> reads a given file (every call reads it again). Instances are safe to share between threads.
/// </remarks>
public sealed class CloudFormationSchema
{
    /// <summary>The npm package holding the database.</summary>
    public const string PackageName = "@aws-cdk/aws-service-spec";

    /// <summary>The database's path below a directory that holds <c>node_modules</c>.</summary>
    public static readonly string RelativePath = Path.Combine("node_modules", "@aws-cdk", "aws-service-spec", "db.json.gz");

    private static readonly Lazy<CloudFormationSchema?> SharedSchema = new(LoadShared, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int s_sharedLoads;

    // The decompressed database stays in memory: resources and definitions are parsed from their slices on first use.
    private readonly ReadOnlyMemory<byte> _json;
    private readonly Dictionary<string, Range> _resourceSlices;
    private readonly Dictionary<string, Range> _definitionSlices;
    private readonly ConcurrentDictionary<string, ResourceSchema> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TypeDefinitionSchema> _definitions = new(StringComparer.Ordinal);

    private CloudFormationSchema(string sourcePath, string? version, ReadOnlyMemory<byte> json, Dictionary<string, Range> resources, Dictionary<string, Range> definitions)
    {
        SourcePath = sourcePath;
        Version = version;
        _json = json;
        _resourceSlices = resources;
        _definitionSlices = definitions;
        ResourceTypes = resources.Keys.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The database found by <see cref="Locate()"/>, loaded on first use and then kept for the life of the process;
    /// <c>null</c> when no <c>node_modules</c> on the way up holds it.
    /// </summary>
    public static CloudFormationSchema? Shared => SharedSchema.Value;

    /// <summary>Where <see cref="Locate()"/> starts searching: the current directory, then the application's directory.</summary>
    public static IReadOnlyList<string> SearchStarts => [Directory.GetCurrentDirectory(), AppContext.BaseDirectory];

    /// <summary>How many times this process loaded <see cref="Shared"/> (0 or 1).</summary>
    internal static int SharedLoads => s_sharedLoads;

    /// <summary>The file read.</summary>
    public string SourcePath { get; }

    /// <summary>The package version (from its <c>package.json</c>), or <c>null</c> when there is none next to the file.</summary>
    public string? Version { get; }

    /// <summary>Every resource type the schema knows, ordered.</summary>
    public IReadOnlyList<string> ResourceTypes { get; }

    /// <summary>The schema's name as messages show it: <c>@aws-cdk/aws-service-spec 0.1.216</c>.</summary>
    public string DisplayName => Version is null ? PackageName : $"{PackageName} {Version}";

    /// <summary>The database below <see cref="SearchStarts"/> or one of their parents; <c>null</c> when none has it.</summary>
    public static string? Locate() => Locate(SearchStarts);

    /// <summary>
    /// The first <see cref="RelativePath"/> found in one of <paramref name="startDirectories"/> or one of their parents,
    /// searching each start upward in turn; <c>null</c> when none has it.
    /// </summary>
    public static string? Locate(IEnumerable<string> startDirectories)
    {
        ArgumentNullException.ThrowIfNull(startDirectories);
        foreach (var start in startDirectories)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, RelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Reads the database at <paramref name="path"/> (a gzipped <c>db.json</c> of <see cref="PackageName"/>).</summary>
    /// <exception cref="InvalidDataException">The file is not such a database.</exception>
    public static CloudFormationSchema Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var json = Decompress(path);
        var resources = new Dictionary<string, Range>(StringComparer.Ordinal);
        var definitions = new Dictionary<string, Range>(StringComparer.Ordinal);
        try
        {
            Index(json.Span, resources, definitions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }

        if (resources.Count == 0)
        {
            throw new InvalidDataException($"{path} has no 'schema.resource' entities: it is not a {PackageName} database.");
        }

        return new CloudFormationSchema(Path.GetFullPath(path), ReadVersion(path), json, resources, definitions);
    }

    /// <summary>The resource type <paramref name="type"/>, or <c>null</c> when the schema does not know it.</summary>
    public ResourceSchema? Resource(string type) => TryGetResource(type, out var resource) ? resource : null;

    /// <summary>Whether the schema knows the resource type <paramref name="type"/>.</summary>
    public bool TryGetResource(string type, [NotNullWhen(true)] out ResourceSchema? resource)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!_resourceSlices.TryGetValue(type, out var slice))
        {
            resource = null;
            return false;
        }

        resource = _resources.GetOrAdd(type, t => new ResourceSchema(t, ReadProperties(slice, t)));
        return true;
    }

    private static CloudFormationSchema? LoadShared()
    {
        var path = Locate();
        if (path is null)
        {
            return null;
        }

        Interlocked.Increment(ref s_sharedLoads);
        return Load(path);
    }

    /// <summary>The whole decompressed file, in one buffer sized from the gzip trailer (no regrowing, no copy).</summary>
    private static ReadOnlyMemory<byte> Decompress(string path)
    {
        using var file = File.OpenRead(path);
        var size = 0;
        if (file.Length >= 4)
        {
            Span<byte> trailer = stackalloc byte[4];
            file.Seek(-4, SeekOrigin.End);
            file.ReadExactly(trailer);
            size = BinaryPrimitives.ReadInt32LittleEndian(trailer);
            file.Seek(0, SeekOrigin.Begin);
        }

        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var buffer = new byte[Math.Max(size, 0) + 1];
        var length = 0;
        int read;
        while ((read = gzip.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        return buffer.AsMemory(0, length);
    }

    /// <summary>
    /// Records where each entity of <c>schema.resource</c> (by <c>cloudFormationType</c>) and of
    /// <c>schema.typeDefinition</c> (by <c>$id</c>) is, skipping everything else.
    /// </summary>
    private static void Index(ReadOnlySpan<byte> json, Dictionary<string, Range> resources, Dictionary<string, Range> definitions)
    {
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("schema"u8))
            {
                SkipValue(ref reader);
                continue;
            }

            Expect(ref reader, JsonTokenType.StartObject);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("resource"u8))
                {
                    IndexCollection(ref reader, "cloudFormationType"u8, resources);
                }
                else if (reader.ValueTextEquals("typeDefinition"u8))
                {
                    IndexCollection(ref reader, "$id"u8, definitions);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }
        }
    }

    /// <summary>Indexes a <c>{ "type": "entities", "entities": [...] }</c> collection by the string property <paramref name="key"/>.</summary>
    private static void IndexCollection(ref Utf8JsonReader reader, ReadOnlySpan<byte> key, Dictionary<string, Range> index)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("entities"u8))
            {
                SkipValue(ref reader);
                continue;
            }

            Expect(ref reader, JsonTokenType.StartArray);
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var start = (int)reader.TokenStartIndex;
                string? name = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals(key))
                    {
                        reader.Read();
                        name = reader.GetString();
                    }
                    else
                    {
                        SkipValue(ref reader);
                    }
                }

                if (name is not null)
                {
                    index[name] = new Range(start, (int)reader.BytesConsumed);
                }
            }
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new InvalidDataException($"Expected {token} at byte {reader.TokenStartIndex}: it is not a {PackageName} database this reader knows.");
        }
    }

    /// <summary>Moves past the value of the property the reader is on.</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private Dictionary<string, PropertySchema> ReadProperties(Range slice, string resourceType)
    {
        using var document = JsonDocument.Parse(_json[slice]);
        return ReadProperties(document.RootElement, resourceType);
    }

    private Dictionary<string, PropertySchema> ReadProperties(JsonElement entity, string resourceType)
    {
        var properties = new Dictionary<string, PropertySchema>(StringComparer.Ordinal);
        if (!entity.TryGetProperty("properties", out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return properties;
        }

        foreach (var property in map.EnumerateObject())
        {
            var value = property.Value;
            var required = value.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
            var previous = value.TryGetProperty("previousTypes", out var p) && p.ValueKind == JsonValueKind.Array
                ? p.EnumerateArray().Select(t => ReadType(t, resourceType)).ToList()
                : [];
            properties[property.Name] = new PropertySchema(property.Name, ReadType(value.GetProperty("type"), resourceType), required, previous);
        }

        return properties;
    }

    private SchemaType ReadType(JsonElement type, string resourceType)
    {
        var kind = type.GetProperty("type").GetString();
        return kind switch
        {
            "string" => Primitive(SchemaPrimitive.String, type),
            "number" => Primitive(SchemaPrimitive.Number, type),
            "integer" => Primitive(SchemaPrimitive.Integer, type),
            "boolean" => Primitive(SchemaPrimitive.Boolean, type),
            "json" => Primitive(SchemaPrimitive.Json, type),
            "date-time" => Primitive(SchemaPrimitive.DateTime, type),
            "tag" => KnownTypes.Tag,
            "array" => new ArraySchemaType(ReadType(type.GetProperty("element"), resourceType)),
            "map" => new MapSchemaType(ReadType(type.GetProperty("element"), resourceType)),
            "union" => new UnionSchemaType(type.GetProperty("types").EnumerateArray().Select(t => ReadType(t, resourceType)).ToList()),
            "ref" => new ObjectSchemaType(Definition(type.GetProperty("reference").GetProperty("$ref").GetString()!, resourceType)),
            // A kind this reader does not know (a newer database): accept anything rather than report false findings.
            _ => KnownTypes.Json,
        };
    }

    private TypeDefinitionSchema Definition(string id, string resourceType) =>
        _definitions.GetOrAdd(id, key =>
        {
            if (!_definitionSlices.TryGetValue(key, out var slice))
            {
                throw new InvalidDataException($"{resourceType} refers to type definition {key}, which the database lacks.");
            }

            using var document = JsonDocument.Parse(_json[slice]);
            var name = document.RootElement.GetProperty("name").GetString()!;
            return new TypeDefinitionSchema(name, $"{resourceType}.{name}", () => ReadProperties(slice, resourceType));
        });

    private static PrimitiveSchemaType Primitive(SchemaPrimitive kind, JsonElement type)
    {
        if (!type.TryGetProperty("allowedValues", out var allowed) || allowed.ValueKind != JsonValueKind.Array)
        {
            return KnownTypes.Of(kind);
        }

        return new PrimitiveSchemaType(kind, allowed.EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())
            .ToList());
    }

    private static string? ReadVersion(string path)
    {
        var manifest = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "package.json");
        if (!File.Exists(manifest))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
        return document.RootElement.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String
            ? version.GetString()
            : null;
    }

    /// <summary>Shared instances of the types without allowed values (most properties), and the legacy tag type.</summary>
    private static class KnownTypes
    {
        public static readonly PrimitiveSchemaType String = new(SchemaPrimitive.String, []);
        public static readonly PrimitiveSchemaType Number = new(SchemaPrimitive.Number, []);
        public static readonly PrimitiveSchemaType Integer = new(SchemaPrimitive.Integer, []);
        public static readonly PrimitiveSchemaType Boolean = new(SchemaPrimitive.Boolean, []);
        public static readonly PrimitiveSchemaType Json = new(SchemaPrimitive.Json, []);
        public static readonly PrimitiveSchemaType DateTime = new(SchemaPrimitive.DateTime, []);

        /// <summary>The legacy <c>tag</c> type: <c>{ "Key": string, "Value": string }</c>, both required.</summary>
        public static readonly ObjectSchemaType Tag = new(new TypeDefinitionSchema("Tag", "Tag", () => new Dictionary<string, PropertySchema>(StringComparer.Ordinal)
        {
            ["Key"] = new("Key", String, Required: true, []),
            ["Value"] = new("Value", String, Required: true, []),
        }));

        public static PrimitiveSchemaType Of(SchemaPrimitive kind) => kind switch
        {
            SchemaPrimitive.Number => Number,
            SchemaPrimitive.Integer => Integer,
            SchemaPrimitive.Boolean => Boolean,
            SchemaPrimitive.Json => Json,
            SchemaPrimitive.DateTime => DateTime,
            _ => String,
        };
    }
}
