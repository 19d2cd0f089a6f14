// The "choose a password" fields shared by reset, invitation and password change.
import { z } from 'zod'
import { newPasswordField } from './forms.ts'

export const choosePasswordSchema = z
	.object({
		password: newPasswordField,
		confirmPassword: z.string(),
	})
	.refine((value) => value.password === value.confirmPassword, {
		path: ['confirmPassword'],
		message: 'auth.errorPasswordMismatch',
	})
