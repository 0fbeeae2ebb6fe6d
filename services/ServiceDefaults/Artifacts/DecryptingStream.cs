using System.Security.Cryptography;

namespace Platform.ServiceDefaults.Artifacts;

/// <summary>
/// Reads an artifact's plaintext from its encrypted file (<see cref="ArtifactCipher"/>) one segment at
/// a time; each segment is authenticated before any of its bytes are returned, the last one against
/// the SHA-256 the reference names. Forward-only, as every reader of artifacts reads.
/// </summary>
internal sealed class DecryptingStream : Stream
{
    private readonly FileStream _file;
    private readonly byte[] _header = new byte[ArtifactCipher.HeaderBytes];
    private readonly byte[] _sha256;
    private readonly AesGcm _aes;
    private readonly byte[] _sealed = new byte[ArtifactCipher.SealedSegmentBytes];
    private readonly byte[] _plain = new byte[ArtifactCipher.SegmentBytes];
    private int _offset, _length;
    private uint _segment;
    private bool _done;

    public DecryptingStream(FileStream file, byte[] tenantKey, Guid tenant, string sha256)
    {
        _file = file;
        _sha256 = Convert.FromHexString(sha256);
        try
        {
            _file.ReadExactly(_header);
            var dataKey = ArtifactCipher.UnwrapDataKey(_header, tenantKey, tenant);
            _aes = new AesGcm(dataKey, ArtifactCipher.Tag);
            CryptographicOperations.ZeroMemory(dataKey);
        }
        catch (EndOfStreamException)
        {
            _file.Dispose();
            throw new CryptographicException("The artifact is shorter than its header.");
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public override int Read(Span<byte> buffer)
    {
        if (_offset == _length && !NextSegment()) return 0;
        var count = Math.Min(buffer.Length, _length - _offset);
        _plain.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    private bool NextSegment()
    {
        while (!_done)
        {
            var read = 0;
            int n;
            while (read < _sealed.Length && (n = _file.Read(_sealed, read, _sealed.Length - read)) > 0) read += n;
            if (read < ArtifactCipher.Tag) throw new CryptographicException($"The artifact ends inside segment {_segment}: it was truncated.");
            var last = _file.Position >= _file.Length;
            ArtifactCipher.Open(_aes, _header, _segment, last, last ? _sha256 : null, _sealed.AsSpan(0, read), _plain);
            _segment++;
            _done = last;
            (_offset, _length) = (0, read - ArtifactCipher.Tag);
            if (_length > 0) return true;
        }
        return false;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _aes.Dispose();
            _file.Dispose();
        }
        base.Dispose(disposing);
    }
}
