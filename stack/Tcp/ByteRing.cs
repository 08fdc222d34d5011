namespace NanoTcp.Tcp
{
    /// <summary>
    /// Fixed-size circular byte buffer (the per-connection send and receive buffers). Besides FIFO
    /// <see cref="Append"/>/<see cref="Read"/> it can copy at an offset past the readable bytes
    /// (<see cref="WriteAt"/>), which is where out-of-order TCP data waits for its gap to fill.
    /// </summary>
    internal sealed class ByteRing
    {
        private readonly byte[] _data;
        private int _start;
        private int _count;

        public ByteRing(int capacity)
        {
            _data = new byte[capacity];
        }

        public int Capacity { get { return _data.Length; } }
        public int Count { get { return _count; } }
        public int Free { get { return _data.Length - _count; } }

        public void Clear()
        {
            _start = 0;
            _count = 0;
        }

        /// <summary>Appends up to <paramref name="count"/> bytes; returns how many fit.</summary>
        public int Append(byte[] src, int offset, int count)
        {
            if (count > Free) count = Free;
            WriteAt(_count, src, offset, count);
            _count += count;
            return count;
        }

        /// <summary>Copies bytes to position <paramref name="at"/> (counted from the first readable byte) without changing <see cref="Count"/>.</summary>
        public void WriteAt(int at, byte[] src, int offset, int count)
        {
            int pos = (_start + at) % _data.Length;
            int first = _data.Length - pos;
            if (first > count) first = count;
            System.Array.Copy(src, offset, _data, pos, first);
            if (count > first) System.Array.Copy(src, offset + first, _data, 0, count - first);
        }

        /// <summary>Makes <paramref name="count"/> bytes already placed with <see cref="WriteAt"/> readable.</summary>
        public void Commit(int count)
        {
            _count += count;
        }

        /// <summary>Copies <paramref name="count"/> bytes starting <paramref name="at"/> bytes into the readable data, without consuming them.</summary>
        public void Peek(int at, byte[] dst, int offset, int count)
        {
            int pos = (_start + at) % _data.Length;
            int first = _data.Length - pos;
            if (first > count) first = count;
            System.Array.Copy(_data, pos, dst, offset, first);
            if (count > first) System.Array.Copy(_data, 0, dst, offset + first, count - first);
        }

        /// <summary>Copies and consumes up to <paramref name="count"/> bytes; returns how many.</summary>
        public int Read(byte[] dst, int offset, int count)
        {
            if (count > _count) count = _count;
            Peek(0, dst, offset, count);
            Discard(count);
            return count;
        }

        /// <summary>Consumes <paramref name="count"/> bytes (acknowledged send data).</summary>
        public void Discard(int count)
        {
            if (count > _count) count = _count;
            _start = (_start + count) % _data.Length;
            _count -= count;
            // _start is not rewound when empty: out-of-order data may be waiting past the readable bytes.
        }
    }
}
