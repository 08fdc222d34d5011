using System.Collections.Generic;
using NanoTcp;

namespace NanoTcp.Scenarios.Harness
{
    /// <summary>
    /// Test-side <see cref="ILink"/>: frames the test injects are received by the stack, frames the stack
    /// transmits are queued for the test to take. Host only (uses generic collections freely).
    /// </summary>
    public sealed class InMemoryLink : ILink
    {
        private readonly Queue<byte[]> _toStack = new Queue<byte[]>();
        private readonly Queue<byte[]> _fromStack = new Queue<byte[]>();

        /// <summary>Link state reported to the stack.</summary>
        public bool IsUp { get; set; } = true;

        /// <summary>When false, <see cref="Transmit"/> refuses frames (a busy or failed driver).</summary>
        public bool AcceptsTransmit { get; set; } = true;

        /// <summary>Injected frames longer than the stack's receive buffer, discarded by <see cref="Receive"/>.</summary>
        public int DroppedTooLong { get; private set; }

        /// <summary>Frames handed to the stack but not yet received by it.</summary>
        public int PendingToStack => _toStack.Count;

        /// <summary>Frames the stack transmitted that the test has not taken yet.</summary>
        public int PendingFromStack => _fromStack.Count;

        /// <summary>Queues a copy of a frame for the stack to receive.</summary>
        public void Inject(byte[] frame, int offset, int length)
        {
            var copy = new byte[length];
            System.Array.Copy(frame, offset, copy, 0, length);
            _toStack.Enqueue(copy);
        }

        /// <summary>Queues a frame for the stack to receive.</summary>
        public void Inject(byte[] frame) => Inject(frame, 0, frame.Length);

        /// <summary>Takes the oldest frame the stack transmitted, or null.</summary>
        public byte[] TakeTransmitted() => _fromStack.Count == 0 ? null : _fromStack.Dequeue();

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count)
        {
            while (_toStack.Count > 0)
            {
                byte[] frame = _toStack.Dequeue();
                if (frame.Length <= count)
                {
                    System.Array.Copy(frame, 0, buffer, offset, frame.Length);
                    return frame.Length;
                }
                DroppedTooLong++; // ILink contract: discarded by the link and counted there, never truncated
            }
            return 0;
        }

        /// <inheritdoc />
        public bool Transmit(byte[] buffer, int offset, int count)
        {
            if (!AcceptsTransmit) return false;
            var copy = new byte[count];
            System.Array.Copy(buffer, offset, copy, 0, count);
            _fromStack.Enqueue(copy);
            return true;
        }
    }
}
