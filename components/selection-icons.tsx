import { Svg } from './icons';

/** A magnifier with a cross: the selection matched nothing. Decorative, like every icon here. */
export const NoMatchIcon = ({ size = 28 }: { size?: number }) => (
  <Svg size={size}>
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5M8.5 8.5l5 5M13.5 8.5l-5 5" />
  </Svg>
);

/** Two people: who has access. */
export const PeopleIcon = ({ size = 12 }: { size?: number }) => (
  <Svg size={size}>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.6a3.5 3.5 0 0 1 0 6.8M21.5 20a6.5 6.5 0 0 0-4-6" />
  </Svg>
);
