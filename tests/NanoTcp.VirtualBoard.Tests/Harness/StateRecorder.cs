using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace NanoTcp.VirtualBoard.Tests.Harness
{
    /// <summary>An <see cref="IStackTracer"/> that records nanoTcp's state transitions (thread-safe to read).</summary>
    public sealed class StateRecorder : IStackTracer
    {
        private readonly ConcurrentQueue<(int Handle, TcpState From, TcpState To)> _transitions = new();

        /// <summary>Every transition so far, in order.</summary>
        public IReadOnlyList<(int Handle, TcpState From, TcpState To)> Transitions => _transitions.ToArray();

        /// <summary>The states one handle went through, starting with its first "from" state.</summary>
        public List<TcpState> PathOf(int handle)
        {
            var path = new List<TcpState>();
            foreach (var t in _transitions.Where(t => t.Handle == handle))
            {
                if (path.Count == 0) path.Add(t.From);
                path.Add(t.To);
            }
            return path;
        }

        /// <inheritdoc />
        public void FrameReceived(byte[] frame, int offset, int length, long nowMs) { }

        /// <inheritdoc />
        public void FrameSent(byte[] frame, int offset, int length, bool accepted, long nowMs) { }

        /// <inheritdoc />
        public void FrameDropped(DropReason reason, byte[] frame, int offset, int length, long nowMs) { }

        /// <inheritdoc />
        public void TcpStateChanged(int handle, TcpState from, TcpState to, long nowMs)
        {
            _transitions.Enqueue((handle, from, to));
        }
    }
}
