namespace NanoTcp.Tcp
{
    /// <summary>
    /// Fixed-size circular byte buffer logic (the per-connection send and receive buffers), over a region
    /// [origin, origin + capacity) of a larger array: a connection keeps both rings in one byte[] and their
    /// positions in its int[] of state (on nanoCLR an object or array header per ring would cost more than the
    /// positions). Besides FIFO use it can copy at an offset past the readable bytes, which is where out-of-order
    /// TCP data waits for its gap to fill.
    /// </summary>
    internal static class ByteRing
    {
        /// <summary>A ring's state in an int[]: at [at] the position of its first readable byte, at [at + 1] how many are readable.</summary>
        public const int Start = 0, Count = 1;

        /// <summary>Copies bytes in, to position <paramref name="at"/> counted from the first readable byte (<paramref name="start"/>).</summary>
        public static void WriteAt(byte[] data, int origin, int capacity, int start, int at, byte[] src, int offset, int count)
        {
            int pos = (start + at) % capacity;
            int first = capacity - pos;
            if (first > count) first = count;
            System.Array.Copy(src, offset, data, origin + pos, first);
            if (count > first) System.Array.Copy(src, offset + first, data, origin, count - first);
        }

        /// <summary>Copies <paramref name="count"/> bytes out, starting <paramref name="at"/> bytes past the first readable one.</summary>
        public static void Peek(byte[] data, int origin, int capacity, int start, int at, byte[] dst, int offset, int count)
        {
            int pos = (start + at) % capacity;
            int first = capacity - pos;
            if (first > count) first = count;
            System.Array.Copy(data, origin + pos, dst, offset, first);
            if (count > first) System.Array.Copy(data, origin, dst, offset + first, count - first);
        }

        /// <summary>Consumes <paramref name="count"/> readable bytes of the ring whose state is at <paramref name="at"/> in <paramref name="state"/>.</summary>
        public static void Discard(int[] state, int at, int capacity, int count)
        {
            int readable = state[at + Count];
            if (count > readable) count = readable;
            state[at + Start] = (state[at + Start] + count) % capacity;
            state[at + Count] = readable - count;
            // The start is not rewound when empty: out-of-order data may be waiting past the readable bytes.
        }
    }

    // The connection's two rings: the send ring in _buffer[0, TcpSendBufferSize), the receive ring after it.
    internal sealed partial class TcpConnection
    {
        /// <summary>Bytes queued for sending (sent or not, not yet acknowledged).</summary>
        public int SendQueued { get { return _v[VSendRing + ByteRing.Count]; } }

        /// <summary>Room left in the send ring.</summary>
        public int SendFree { get { return _ctx.TcpSendBufferSize - _v[VSendRing + ByteRing.Count]; } }

        /// <summary>Appends up to <paramref name="count"/> bytes to the send ring; returns how many fit.</summary>
        public int SendAppend(byte[] src, int offset, int count)
        {
            int capacity = _ctx.TcpSendBufferSize, queued = _v[VSendRing + ByteRing.Count];
            if (count > capacity - queued) count = capacity - queued;
            ByteRing.WriteAt(_buffer, 0, capacity, _v[VSendRing + ByteRing.Start], queued, src, offset, count);
            _v[VSendRing + ByteRing.Count] = queued + count;
            return count;
        }

        /// <summary>Copies queued send data from <paramref name="at"/> bytes past SendBufferSeq into a frame.</summary>
        private void SendPeek(int at, byte[] dst, int offset, int count)
        {
            ByteRing.Peek(_buffer, 0, _ctx.TcpSendBufferSize, _v[VSendRing + ByteRing.Start], at, dst, offset, count);
        }

        /// <summary>Drops acknowledged send data.</summary>
        private void SendDiscard(int count)
        {
            ByteRing.Discard(_v, VSendRing, _ctx.TcpSendBufferSize, count);
        }

        private void SendClear()
        {
            _v[VSendRing + ByteRing.Start] = _v[VSendRing + ByteRing.Count] = 0;
        }

        /// <summary>Size of the receive ring: the largest window the connection can offer.</summary>
        public int ReceiveCapacity { get { return _buffer.Length - _ctx.TcpSendBufferSize; } }

        /// <summary>Received bytes in order, not yet read by the application.</summary>
        public int ReceiveQueued { get { return _v[VReceiveRing + ByteRing.Count]; } }

        /// <summary>Places received text <paramref name="at"/> bytes past the first unread one (readable only after <see cref="ReceiveCommit"/>).</summary>
        private void ReceiveWriteAt(int at, byte[] src, int offset, int count)
        {
            int origin = _ctx.TcpSendBufferSize;
            ByteRing.WriteAt(_buffer, origin, _buffer.Length - origin, _v[VReceiveRing + ByteRing.Start], at, src, offset, count);
        }

        /// <summary>Makes <paramref name="count"/> bytes placed with <see cref="ReceiveWriteAt"/> readable.</summary>
        private void ReceiveCommit(int count)
        {
            _v[VReceiveRing + ByteRing.Count] += count;
        }

        /// <summary>Copies and consumes up to <paramref name="count"/> received bytes; returns how many.</summary>
        private int ReceiveRead(byte[] dst, int offset, int count)
        {
            int origin = _ctx.TcpSendBufferSize, capacity = _buffer.Length - origin;
            int readable = _v[VReceiveRing + ByteRing.Count];
            if (count > readable) count = readable;
            ByteRing.Peek(_buffer, origin, capacity, _v[VReceiveRing + ByteRing.Start], 0, dst, offset, count);
            ByteRing.Discard(_v, VReceiveRing, capacity, count);
            return count;
        }

        private void ReceiveClear()
        {
            _v[VReceiveRing + ByteRing.Start] = _v[VReceiveRing + ByteRing.Count] = 0;
        }
    }
}
