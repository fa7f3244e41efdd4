// Small pieces used on every page: score chips and bars, status pills, times, breadcrumbs.
// All text goes through hono/jsx, which escapes it.
import type { Child } from 'hono/jsx';
import { GRADE_LABELS, gradeFor } from '../../../shared/grades.ts';
import type { Grade, Kind, Status } from '../../../shared/schemas.ts';
import { STATUS_LABELS } from '../../../shared/status.ts';
import { barPercent, fmtDate, fmtDateTime, fmtScore, gradeColors } from '../format.ts';

export function ScoreChip(props: { score: number | null; grade?: Grade | null; kind?: Kind; big?: boolean; label?: string }) {
  const grade = props.grade === undefined ? gradeFor(props.score, props.kind) : props.grade;
  const c = gradeColors(grade);
  const title = grade ? `${props.label ?? 'Score'} ${fmtScore(props.score)}: ${GRADE_LABELS[grade]}` : `${props.label ?? 'Score'}: not scored`;
  return (
    <span class={props.big ? 'score big' : 'score'} style={`background:${c.background};color:${c.text}`} title={title}>
      {fmtScore(props.score)}
    </span>
  );
}

export function ScoreBar(props: { score: number | null; grade?: Grade | null; kind?: Kind; wide?: boolean }) {
  const grade = props.grade === undefined ? gradeFor(props.score, props.kind) : props.grade;
  const c = gradeColors(grade);
  return (
    <span class={props.wide ? 'bar wide' : 'bar'} role="img" aria-label={`score ${fmtScore(props.score)}`}>
      <span style={`width:${barPercent(props.score)}%;background:${c.bar}`} />
    </span>
  );
}

export function StatusPill(props: { status: Status }) {
  return <span class={`status st-${props.status}`}>{STATUS_LABELS[props.status] ?? props.status}</span>;
}

export function GradeText(props: { grade: Grade | null }) {
  return <span>{props.grade ? GRADE_LABELS[props.grade] : 'Not scored'}</span>;
}

/** A time, written in UTC; the page script rewrites it in the reader's time zone. */
export function Time(props: { iso: string | null | undefined; dateOnly?: boolean }) {
  if (!props.iso) return <span>–</span>;
  return (
    <time datetime={props.iso} data-local={props.dateOnly ? 'date' : 'datetime'}>
      {props.dateOnly ? fmtDate(props.iso) : fmtDateTime(props.iso)}
    </time>
  );
}

export function Crumbs(props: { items: { href?: string; label: string }[] }) {
  return (
    <nav class="crumbs" aria-label="Breadcrumb">
      <ol>
        {props.items.map((it, i) =>
          it.href && i < props.items.length - 1 ? (
            <li>
              <a href={it.href}>{it.label}</a>
            </li>
          ) : (
            <li aria-current="page">{it.label}</li>
          ),
        )}
      </ol>
    </nav>
  );
}

export function Panel(props: { id?: string; title: string; intro?: Child; actions?: Child; children?: Child }) {
  const headingId = props.id ? `${props.id}-title` : undefined;
  return (
    <section class="panel" id={props.id} aria-labelledby={headingId}>
      <div class="panel-head">
        <div>
          <h2 id={headingId}>{props.title}</h2>
          {props.intro ? <p>{props.intro}</p> : null}
        </div>
        {props.actions ?? null}
      </div>
      {props.children}
    </section>
  );
}
