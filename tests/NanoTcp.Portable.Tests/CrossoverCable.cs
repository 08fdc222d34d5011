using NanoTcp;

namespace NanoTcp.Portable.Tests
{
    /// <summary>
    /// Two <see cref="ILink"/> ends joined back to back, like a crossover cable: a frame one end transmits is
    /// the next frame the other end receives. Fixed rings allocated at construction, so it runs on a device.
    /// </summary>
    public sealed class CrossoverCable
    {
        /// <summary>Creates a cable that holds up to <paramref name="framesPerDirection"/> frames in flight each way.</summary>
        public CrossoverCable(int framesPerDirection, int maxFrameSize)
        {
            var aToB = new FrameRing(framesPerDirection, maxFrameSize);
            var bToA = new FrameRing(framesPerDirection, maxFrameSize);
            EndA = new End(bToA, aToB);
            EndB = new End(aToB, bToA);
        }

        /// <summary>One end of the cable.</summary>
        public ILink EndA { get; }

        /// <summary>The other end of the cable.</summary>
        public ILink EndB { get; }

        private sealed class End : ILink
        {
            private readonly FrameRing _incoming;
            private readonly FrameRing _outgoing;

            public End(FrameRing incoming, FrameRing outgoing)
            {
                _incoming = incoming;
                _outgoing = outgoing;
            }

            public bool IsUp => true;

            public int Receive(byte[] buffer, int offset, int count) => _incoming.Take(buffer, offset, count);

            public bool Transmit(byte[] buffer, int offset, int count) => _outgoing.Put(buffer, offset, count);
        }

        private sealed class FrameRing
        {
            private readonly byte[][] _frames;
            private readonly int[] _lengths;
            private int _head;
            private int _count;

            public FrameRing(int frames, int maxFrameSize)
            {
                _frames = new byte[frames][];
                _lengths = new int[frames];
                for (int i = 0; i < frames; i++) _frames[i] = new byte[maxFrameSize];
            }

            public bool Put(byte[] buffer, int offset, int count)
            {
                if (_count == _frames.Length || count > _frames[0].Length) return false;
                int slot = (_head + _count) % _frames.Length;
                System.Array.Copy(buffer, offset, _frames[slot], 0, count);
                _lengths[slot] = count;
                _count++;
                return true;
            }

            public int Take(byte[] buffer, int offset, int count)
            {
                if (_count == 0) return 0;
                int length = _lengths[_head];
                if (length <= count) System.Array.Copy(_frames[_head], 0, buffer, offset, length);
                _head = (_head + 1) % _frames.Length;
                _count--;
                return length <= count ? length : 0;
            }
        }
    }
}
