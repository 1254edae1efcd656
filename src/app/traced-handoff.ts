/**
 * One trace from the ack to the answer, without teaching intake, the queue or the runner
 * about tracing: the task store records the creating request's trace context on the task,
 * the queue carries it in the message attributes (Pub/Sub), and the worker's run continues
 * it from the task row, whichever delivery (first, redelivery, recovery sweep) brought it.
 */
import type { TaskAdmission } from '../core/ports/task-admission.ts';
import type { TaskQueue } from '../core/ports/task-queue.ts';
import type { TaskReader } from '../core/ports/task-reader.ts';
import type { Tracer } from '../core/ports/tracer.ts';
import type { TaskRunner } from '../worker/task-runner.ts';
import type { NewTask } from '../core/task.ts';

export function tracedTaskCreation<T extends TaskAdmission>(tasks: T, tracer: Tracer): T {
  const traced = (input: NewTask): NewTask => {
    const traceparent = tracer.carrier()['traceparent'];
    return traceparent ? { ...input, traceContext: traceparent } : input;
  };
  return {
    ...tasks,
    admit: (input, quota) => tasks.admit(traced(input), quota),
    create: (input) => tasks.create(traced(input)),
  };
}

export function tracedQueue(queue: TaskQueue, tracer: Tracer): TaskQueue {
  return {
    ...queue,
    publish: (taskId, attributes) => queue.publish(taskId, { ...tracer.carrier(), ...attributes }),
  };
}

export function tracedRunner(runner: TaskRunner, tasks: TaskReader, tracer: Tracer): TaskRunner {
  return {
    async run(taskId, shutdown) {
      const task = await tasks.get(taskId);
      const parent = task?.traceContext ? { traceparent: task.traceContext } : null;
      await tracer.span(
        'kotae.task',
        {
          kind: 'consumer',
          parent,
          attributes: { 'kotae.task.id': taskId, 'kotae.task.kind': task?.kind ?? 'unknown' },
        },
        () => runner.run(taskId, shutdown),
      );
    },
  };
}
