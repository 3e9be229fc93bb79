import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './locales'
import { router } from './router'
import { setupGuards } from './router/guards'
import { pinia } from './store'
import { useAuthStore } from './store/auth'
import { usePreferencesStore } from './store/preferences'
import './styles/index.css'

const app = createApp(App)
app.use(pinia)
app.use(i18n)
usePreferencesStore()
// Restore the session from the refresh cookie; the first navigation waits for it.
useAuthStore().init()
setupGuards(router)
app.use(router)
app.mount('#app')
