namespace NanoTcp.Stack.Tests.Infrastructure
{
    /// <summary>Preallocated ring of frames: the allocation-free medium of the in-memory wire.</summary>
    public sealed class FrameQueue
    {
        private readonly byte[][] _frames;
        private readonly int[] _lengths;
        private int _head, _count;

        public FrameQueue(int capacity, int maxFrame)
        {
            _frames = new byte[capacity][];
            for (int i = 0; i < capacity; i++) _frames[i] = new byte[maxFrame];
            _lengths = new int[capacity];
        }

        public int Count => _count;
        public long Overflows { get; private set; }

        public bool Enqueue(byte[] b, int offset, int count)
        {
            if (_count == _frames.Length || count > _frames[0].Length) { Overflows++; return false; }
            int i = (_head + _count) % _frames.Length;
            System.Array.Copy(b, offset, _frames[i], 0, count);
            _lengths[i] = count;
            _count++;
            return true;
        }

        public int Dequeue(byte[] b, int offset, int count)
        {
            while (_count > 0)
            {
                int i = _head;
                _head = (_head + 1) % _frames.Length;
                _count--;
                if (_lengths[i] <= count)
                {
                    System.Array.Copy(_frames[i], 0, b, offset, _lengths[i]);
                    return _lengths[i];
                }
            }
            return 0;
        }

        public void Clear() { _head = 0; _count = 0; }
    }

    /// <summary>One end of an in-memory Ethernet cable: transmits into the peer's queue, receives from its own.</summary>
    public sealed class WireEnd : ILink
    {
        public WireEnd(int capacity = 512, int maxFrame = 1514) { Inbound = new FrameQueue(capacity, maxFrame); }
        public FrameQueue Inbound { get; }
        public WireEnd Peer { get; set; }
        public bool IsUp { get; set; } = true;
        /// <summary>Optional tap that sees every frame transmitted from this end (tests only).</summary>
        public System.Action<byte[], int, int> Tap { get; set; }
        public int Receive(byte[] buffer, int offset, int count) => Inbound.Dequeue(buffer, offset, count);
        public bool Transmit(byte[] buffer, int offset, int count)
        {
            Tap?.Invoke(buffer, offset, count);
            return Peer.Inbound.Enqueue(buffer, offset, count);
        }

        public static void Connect(WireEnd a, WireEnd b) { a.Peer = b; b.Peer = a; }
    }
}
