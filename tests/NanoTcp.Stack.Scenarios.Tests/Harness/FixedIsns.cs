using System.Collections.Generic;
using NanoTcp;

namespace NanoTcp.Scenarios.Harness
{
    /// <summary>
    /// <see cref="IInitialSequenceNumbers"/> that hands out fixed values in order (the last one repeats), so
    /// every sequence number in a script is exact. Records each request for tests of the ISN call itself.
    /// </summary>
    public sealed class FixedIsns : IInitialSequenceNumbers
    {
        private readonly Queue<uint> _values;
        private uint _last;

        /// <summary>The ISNs to hand out, in order.</summary>
        public FixedIsns(params uint[] values)
        {
            _values = new Queue<uint>(values);
            _last = values.Length > 0 ? values[values.Length - 1] : 0;
        }

        /// <summary>How many ISNs the stack asked for.</summary>
        public int Requests { get; private set; }

        /// <summary>Queues more ISNs.</summary>
        public void Enqueue(uint value) { _values.Enqueue(value); }

        /// <inheritdoc />
        public uint Next(uint localIp, int localPort, uint remoteIp, int remotePort, long nowMs)
        {
            Requests++;
            if (_values.Count > 0) _last = _values.Dequeue();
            return _last;
        }
    }
}
