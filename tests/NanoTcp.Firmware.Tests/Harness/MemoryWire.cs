using NanoTcp;

namespace NanoTcp.Firmware.Tests.Harness
{
    /// <summary>
    /// A point-to-point Ethernet cable in memory: two <see cref="ILink"/> ends, each frame transmitted on one end is
    /// received by the other. Frames sit in preallocated rings, so the wire itself allocates nothing (the allocation
    /// test measures the stack and the application only). Either direction can be cut to model a vanished peer.
    /// </summary>
    public sealed class MemoryWire
    {
        public MemoryWire(int framesPerDirection = 256, int maxFrame = 1514)
        {
            A = new End(framesPerDirection, maxFrame);
            B = new End(framesPerDirection, maxFrame);
            A.Peer = B;
            B.Peer = A;
        }

        /// <summary>The device's end.</summary>
        public End A { get; }

        /// <summary>The test client's end.</summary>
        public End B { get; }

        /// <summary>Frames waiting in either direction.</summary>
        public int InFlight => A.Pending + B.Pending;

        public sealed class End : ILink
        {
            private readonly byte[][] _frames;
            private readonly int[] _lengths;
            private int _head;
            private int _count;

            public End(int capacity, int maxFrame)
            {
                _frames = new byte[capacity][];
                for (int i = 0; i < capacity; i++) _frames[i] = new byte[maxFrame];
                _lengths = new int[capacity];
            }

            internal End Peer { get; set; }

            /// <summary>When false, frames this end transmits are lost (the cable is cut in that direction).</summary>
            public bool Delivers { get; set; } = true;

            public bool IsUp { get; set; } = true;

            public int Pending => _count;

            public long Transmitted { get; private set; }

            public int Receive(byte[] buffer, int offset, int count)
            {
                while (_count > 0)
                {
                    int length = _lengths[_head];
                    byte[] frame = _frames[_head];
                    _head = (_head + 1) % _frames.Length;
                    _count--;
                    if (length <= count)
                    {
                        System.Array.Copy(frame, 0, buffer, offset, length);
                        return length;
                    }
                }
                return 0;
            }

            public bool Transmit(byte[] buffer, int offset, int count)
            {
                Transmitted++;
                if (!Delivers) return true;
                return Peer.Enqueue(buffer, offset, count);
            }

            private bool Enqueue(byte[] buffer, int offset, int count)
            {
                if (_count == _frames.Length || count > _frames[0].Length) return false;
                int slot = (_head + _count) % _frames.Length;
                System.Array.Copy(buffer, offset, _frames[slot], 0, count);
                _lengths[slot] = count;
                _count++;
                return true;
            }
        }
    }
}
