using NanoTcp;

namespace NanoTcp.Portable.Tests
{
    /// <summary>
    /// Two <see cref="ILink"/> ends joined back to back, like a crossover cable: a frame one end transmits is
    /// the next frame the other end receives. Fixed rings allocated at construction, so it allocates nothing per
    /// frame and runs on a device. Either direction can be cut to model a peer that vanished, and an end can
    /// refuse to transmit to model a busy driver. The one in-memory link of the test suites: the on-device tests,
    /// the firmware tests, the scenario harness and the two-stack simulation all use it.
    /// </summary>
    public sealed class CrossoverCable
    {
        /// <summary>Creates a cable that holds up to <paramref name="framesPerDirection"/> frames in flight each way.</summary>
        public CrossoverCable(int framesPerDirection, int maxFrameSize)
        {
            EndA = new End(framesPerDirection, maxFrameSize);
            EndB = new End(framesPerDirection, maxFrameSize);
            EndA.Peer = EndB;
            EndB.Peer = EndA;
        }

        /// <summary>One end of the cable.</summary>
        public End EndA { get; }

        /// <summary>The other end of the cable.</summary>
        public End EndB { get; }

        /// <summary>Frames waiting in either direction.</summary>
        public int InFlight => EndA.Pending + EndB.Pending;

        /// <summary>One end: receives what the other end transmits.</summary>
        public sealed class End : ILink
        {
            private readonly byte[][] _frames;
            private readonly int[] _lengths;
            private int _head;
            private int _count;

            internal End(int frames, int maxFrameSize)
            {
                _frames = new byte[frames][];
                _lengths = new int[frames];
                for (int i = 0; i < frames; i++) _frames[i] = new byte[maxFrameSize];
                IsUp = true;
                Delivers = true;
                AcceptsTransmit = true;
            }

            internal End Peer { get; set; }

            /// <summary>Link state reported to the stack on this end.</summary>
            public bool IsUp { get; set; }

            /// <summary>When false, frames this end transmits are lost (the cable is cut in that direction).</summary>
            public bool Delivers { get; set; }

            /// <summary>When false, <see cref="Transmit"/> refuses every frame (a busy or failed driver).</summary>
            public bool AcceptsTransmit { get; set; }

            /// <summary>Frames waiting to be received on this end.</summary>
            public int Pending => _count;

            /// <inheritdoc />
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

            /// <inheritdoc />
            public bool Transmit(byte[] buffer, int offset, int count)
            {
                if (!AcceptsTransmit) return false;
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
