using System;
using System.IO;

namespace NanoTcp.Sockets
{
    /// <summary>
    /// The <see cref="Stream"/> over a <see cref="TcpClient"/> (System.Net.Sockets.NetworkStream shape), so
    /// stream-based code runs unchanged: Read blocks until data arrives and returns 0 at the end of the stream,
    /// Write blocks until every byte is queued, Flush until the peer acknowledged everything, each within its
    /// timeout. Failures throw <see cref="SocketException"/> with the stack's <see cref="TcpError"/> code; a timeout
    /// throws it with <see cref="TcpError.WouldBlock"/>. Not seekable. No call allocates (except the exception).
    /// Disposing the stream closes the client, as in .NET.
    /// </summary>
    public sealed class NetworkStream : Stream
    {
        private readonly TcpClient _client;
#if NANOFRAMEWORK_1_0
        private readonly byte[] _spanScratch = new byte[64];
#endif

        internal NetworkStream(TcpClient client)
        {
            _client = client;
        }

        /// <inheritdoc />
        public override bool CanRead => true;

        /// <inheritdoc />
        public override bool CanWrite => true;

        /// <inheritdoc />
        public override bool CanSeek => false;

        /// <inheritdoc />
        public override bool CanTimeout => true;

        /// <summary>True when a read would not block.</summary>
        public bool DataAvailable => _client.Available > 0;

        /// <summary>Read timeout in ms; -1 (<c>Timeout.Infinite</c>) = no limit. Shared with <see cref="TcpClient.ReceiveTimeout"/>.</summary>
        public override int ReadTimeout
        {
            get { return TcpClient.ToWait(_client.ReceiveTimeout); }
            set { _client.ReceiveTimeout = CheckTimeout(value); }
        }

        /// <summary>Write and flush timeout in ms; -1 = no limit. Shared with <see cref="TcpClient.SendTimeout"/>.</summary>
        public override int WriteTimeout
        {
            get { return TcpClient.ToWait(_client.SendTimeout); }
            set { _client.SendTimeout = CheckTimeout(value); }
        }

        /// <summary>Not supported (a network stream has no length).</summary>
        public override long Length => throw new NotSupportedException();

        /// <summary>Not supported.</summary>
        public override long Position
        {
            get { throw new NotSupportedException(); }
            set { throw new NotSupportedException(); }
        }

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes, waiting at most <see cref="ReadTimeout"/>. Returns the
        /// count, or 0 at the end of the stream (the peer's FIN after all its data).
        /// </summary>
        public override int Read(byte[] buffer, int offset, int count)
        {
            int got = _client.Receive(buffer, offset, count, ReadTimeout);
            if (got < 0) throw new SocketException(got);
            return got;
        }

#if NANOFRAMEWORK_1_0
        /// <summary>Reads into a span through a small scratch buffer (use the byte[] overload on hot paths).</summary>
        public override int Read(SpanByte buffer)
        {
            int count = buffer.Length < _spanScratch.Length ? buffer.Length : _spanScratch.Length;
            int got = Read(_spanScratch, 0, count);
            for (int i = 0; i < got; i++) buffer[i] = _spanScratch[i];
            return got;
        }
#endif

        /// <summary>Queues all <paramref name="count"/> bytes, waiting for buffer space at most <see cref="WriteTimeout"/>.</summary>
        public override void Write(byte[] buffer, int offset, int count)
        {
            int sent = _client.Send(buffer, offset, count, WriteTimeout);
            if (sent == count) return;
            throw new SocketException(sent < 0 ? sent : TcpError.WouldBlock);
        }

        /// <summary>Waits until the peer acknowledged every byte written, at most <see cref="WriteTimeout"/>.</summary>
        public override void Flush()
        {
            int result = _client.Flush(WriteTimeout);
            if (result < 0) throw new SocketException(result);
        }

        /// <summary>Not supported.</summary>
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        /// <summary>Not supported.</summary>
        public override void SetLength(long value) => throw new NotSupportedException();

        /// <summary>Closes the client.</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing) _client.Close();
            base.Dispose(disposing);
        }

        private static int CheckTimeout(int value)
        {
            if (value == 0 || value < -1) throw new ArgumentOutOfRangeException("value");
            return value < 0 ? 0 : value;
        }
    }
}
